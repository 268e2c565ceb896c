import { MamoriError } from '../core/index.js';

export type Format = 'table' | 'json' | 'jsonl';

/** Validates a `--format` value against what the command supports. */
export function parseFormat<F extends string>(value: string | undefined, allowed: readonly F[], fallback: F): F {
  if (value === undefined) return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as F;
  throw new MamoriError('ERR_USAGE', `--format must be one of ${allowed.join('|')}, not "${value}"`);
}

/** Display width: East Asian wide characters take two columns. */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    w += (cp >= 0x1100 && cp <= 0x115f) || (cp >= 0x2e80 && cp <= 0xa4cf) || (cp >= 0xac00 && cp <= 0xd7a3) || (cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0xfe30 && cp <= 0xfe4f) || (cp >= 0xff00 && cp <= 0xff60) || (cp >= 0xffe0 && cp <= 0xffe6) || cp >= 0x1f300 ? 2 : 1;
  }
  return w;
}

function pad(s: string, width: number, right: boolean): string {
  const fill = ' '.repeat(Math.max(0, width - displayWidth(s)));
  return right ? fill + s : s + fill;
}

export interface Column<T> {
  readonly header: string;
  readonly value: (row: T) => string | number;
  readonly align?: 'left' | 'right';
  /** Longest text shown; longer values are cut with `…`. */
  readonly max?: number;
}

/**
 * Renders rows as an aligned text table for people.
 *
 * @example
 * process.stdout.write(renderTable(rows, [{ header: 'PATH', value: (r) => r.path }]));
 */
export function renderTable<T>(rows: readonly T[], columns: readonly Column<T>[]): string {
  const cells = rows.map((r) =>
    columns.map((c) => {
      let s = String(c.value(r)).replace(/[\r\n\t]+/g, ' ');
      if (c.max && s.length > c.max) s = `${s.slice(0, c.max - 1)}…`;
      return s;
    }),
  );
  const widths = columns.map((c, i) => Math.max(displayWidth(c.header), ...cells.map((row) => displayWidth(row[i]!))));
  const line = (vals: string[]) => vals.map((v, i) => pad(v, widths[i]!, columns[i]!.align === 'right')).join('  ').trimEnd();
  return [line(columns.map((c) => c.header)), ...cells.map(line)].join('\n') + '\n';
}

/** Writes JSON for programs: one document, or one object per line for jsonl. */
export function writeJson(value: unknown, format: 'json' | 'jsonl' = 'json'): void {
  if (format === 'jsonl' && Array.isArray(value)) {
    for (const v of value) process.stdout.write(`${JSON.stringify(v)}\n`);
  } else {
    process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
  }
}
