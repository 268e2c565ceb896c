/** CEF severity 0..10 of an incident severity. */
export const CEF_SEVERITY: Readonly<Record<string, number>> = Object.freeze({ low: 3, medium: 5, high: 8, critical: 10 });

/** Escapes a CEF header field: backslash and pipe; line breaks become spaces (headers are one line). */
export function cefHeader(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/[\r\n]+/g, ' ');
}

/** Escapes a CEF extension value: backslash, equals sign, and line breaks as `\n` / `\r`. */
export function cefValue(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/=/g, '\\=').replace(/\r\n|\n/g, '\\n').replace(/\r/g, '\\r');
}

export interface CefEvent {
  readonly vendor: string;
  readonly product: string;
  readonly version: string;
  readonly signatureId: string;
  readonly name: string;
  readonly severity: number;
  /** Extension keys (ArcSight dictionary names such as `src`, `dst`, `dhost`, `cs1`, `cs1Label`, `msg`); undefined values are left out. */
  readonly extension: Readonly<Record<string, string | number | undefined>>;
}

/**
 * Formats one CEF:0 record.
 *
 * @example
 * formatCef({ vendor: 'mamori', product: 'mamori', version: '0.1.0', signatureId: 'incident-opened', name: 'Incident opened', severity: 8, extension: { src: '10.0.0.5' } });
 * // 'CEF:0|mamori|mamori|0.1.0|incident-opened|Incident opened|8|src=10.0.0.5'
 */
export function formatCef(e: CefEvent): string {
  const ext = Object.entries(e.extension)
    .filter(([k, v]) => v !== undefined && /^[A-Za-z0-9_]+$/.test(k))
    .map(([k, v]) => `${k}=${cefValue(String(v))}`)
    .join(' ');
  const sev = Math.max(0, Math.min(10, Math.round(e.severity)));
  return `CEF:0|${[e.vendor, e.product, e.version, e.signatureId, e.name].map(cefHeader).join('|')}|${sev}|${ext}`;
}
