import type { LogType } from '../records.js';

/** The Zeek columns each log type needs, in the order record builders read them. */
export const ZEEK_FIELDS: Readonly<Record<Exclude<LogType, 'proxy'>, readonly string[]>> = Object.freeze({
  conn: ['ts', 'id.orig_h', 'id.resp_h', 'id.resp_p', 'proto', 'service', 'duration', 'orig_bytes', 'resp_bytes', 'conn_state'],
  dns: ['ts', 'id.orig_h', 'id.resp_h', 'query', 'qtype_name', 'rcode_name', 'answers'],
  http: ['ts', 'id.orig_h', 'id.resp_h', 'id.resp_p', 'host', 'method', 'uri', 'request_body_len', 'response_body_len', 'status_code'],
  ssl: ['ts', 'id.orig_h', 'id.resp_h', 'id.resp_p', 'server_name'],
  // Old files.log: tx_hosts/rx_hosts sets; Zeek 5+: id.orig_h/id.resp_h with is_orig saying who sent.
  files: ['ts', 'tx_hosts', 'rx_hosts', 'id.orig_h', 'id.resp_h', 'is_orig', 'seen_bytes', 'total_bytes', 'mime_type', 'filename'],
});

/** Zeek `#path` values mamori analyses; other logs (weird, notice, sip…) are skipped, not damaged. */
export function supportedPath(path: string): Exclude<LogType, 'proxy'> | null {
  return path === 'conn' || path === 'dns' || path === 'http' || path === 'ssl' || path === 'files' ? path : null;
}

/**
 * Guesses a JSON log's type from its fields when it has no `_path`.
 *
 * @example
 * pathFromJsonFields({ conn_state: 'SF', 'id.orig_h': '10.0.0.1' }); // 'conn'
 */
export function pathFromJsonFields(o: Record<string, unknown>): string {
  if ('conn_state' in o || ('orig_bytes' in o && 'duration' in o)) return 'conn';
  if ('query' in o && ('qtype' in o || 'qtype_name' in o || 'rcode' in o)) return 'dns';
  if ('method' in o && ('uri' in o || 'host' in o)) return 'http';
  if ('server_name' in o || ('cipher' in o && 'version' in o)) return 'ssl';
  if ('fuid' in o && ('mime_type' in o || 'seen_bytes' in o)) return 'files';
  return '';
}

/** A number from a text field: unset or empty gives 0, garbage gives NaN. */
export function num(s: string | undefined): number {
  if (s === undefined || s === '' || s === '-') return 0;
  return +s;
}
