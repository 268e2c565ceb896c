import type { HttpRecord } from '../records.js';

const MONTHS: Readonly<Record<string, number>> = { Jan: 0, Feb: 1, Mar: 2, Apr: 3, May: 4, Jun: 5, Jul: 6, Aug: 7, Sep: 8, Oct: 9, Nov: 10, Dec: 11 };

/** Host and port of a proxy request target: an absolute URL, or `host:port` for CONNECT. */
function target(url: string): { host: string; port: number; uri: string } {
  const scheme = url.indexOf('://');
  if (scheme < 0) {
    const colon = url.lastIndexOf(':');
    const host = colon > 0 ? url.slice(0, colon) : url;
    return { host: host.replace(/^\[|\]$/g, ''), port: colon > 0 ? +url.slice(colon + 1) || 443 : 443, uri: '' };
  }
  const rest = url.slice(scheme + 3);
  const slash = rest.indexOf('/');
  let authority = slash < 0 ? rest : rest.slice(0, slash);
  const at = authority.lastIndexOf('@');
  if (at >= 0) authority = authority.slice(at + 1);
  const m = /^(\[[^\]]*\]|[^:]*)(?::(\d+))?$/.exec(authority);
  const https = url.startsWith('https');
  return { host: (m?.[1] ?? authority).replace(/^\[|\]$/g, '').toLowerCase(), port: m?.[2] ? +m[2] : https ? 443 : 80, uri: slash < 0 ? '/' : rest.slice(slash) };
}

/**
 * Parses a Squid native access.log line:
 * `time elapsed client code/status bytes method URL user hierarchy/peer type`. Returns null when damaged.
 *
 * @example
 * parseSquidNative('1286536308.779 180 10.0.0.5 TCP_MISS/200 411 GET http://example.com/ - HIER_DIRECT/93.184.216.34 text/html');
 */
export function parseSquidNative(line: string): HttpRecord | null {
  const f = line.trim().split(/\s+/);
  if (f.length < 7) return null;
  const ts = +f[0]!;
  const elapsedMs = +f[1]!;
  const status = +(f[3]!.split('/')[1] ?? '');
  const bytes = +f[4]!;
  if (!(ts > 0) || elapsedMs !== elapsedMs || bytes !== bytes || !f[2]) return null;
  const t = target(f[6]!);
  const peer = f[8]?.split('/')[1] ?? '';
  return { ts, src: f[2], dst: peer === '-' ? '' : peer, dport: t.port, host: t.host, method: f[5]!, uri: t.uri, requestBytes: 0, responseBytes: bytes, status: status || 0, duration: elapsedMs / 1000 };
}

const CLF = /^(\S+) \S+ \S+ \[(\d{2})\/(\w{3})\/(\d{4}):(\d{2}):(\d{2}):(\d{2}) ([+-])(\d{2})(\d{2})\] "(\S+) (\S+)(?: [^"]*)?" (\d{3}) (\d+|-)/;

/**
 * Parses a common/combined log format line (Squid `logformat common|combined`, web servers). Null when damaged.
 *
 * @example
 * parseCommonLog('10.0.0.5 - - [10/Oct/2026:13:55:36 +0900] "CONNECT evil.example:443 HTTP/1.1" 200 2326');
 */
export function parseCommonLog(line: string): HttpRecord | null {
  const m = CLF.exec(line);
  if (!m) return null;
  const month = MONTHS[m[3]!];
  if (month === undefined) return null;
  const offset = (m[8] === '-' ? -1 : 1) * (+m[9]! * 60 + +m[10]!) * 60;
  const ts = Date.UTC(+m[4]!, month, +m[2]!, +m[5]!, +m[6]!, +m[7]!) / 1000 - offset;
  const t = target(m[12]!);
  return { ts, src: m[1]!, dst: '', dport: t.port, host: t.host, method: m[11]!, uri: t.uri, requestBytes: 0, responseBytes: m[14] === '-' ? 0 : +m[14]!, status: +m[13]!, duration: 0 };
}
