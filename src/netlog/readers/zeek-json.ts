import type { LogType, RecordSink } from '../records.js';
import { pathFromJsonFields, supportedPath } from './fields.js';

type Obj = Record<string, unknown>;

/** Epoch seconds from a Zeek JSON `ts`: a number, or an ISO 8601 string (`json-iso8601` timestamps). */
export function jsonTime(v: unknown): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'string') {
    const n = +v;
    if (n === n && v.trim() !== '') return n;
    return Date.parse(v) / 1000;
  }
  return NaN;
}

const str = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : '');
const n = (v: unknown): number => (typeof v === 'number' ? v : typeof v === 'string' && v !== '' && v !== '-' ? +v || 0 : 0);
const strs = (v: unknown): string[] => (Array.isArray(v) ? v.map(str) : typeof v === 'string' && v !== '' ? [v] : []);

/** A `id.orig_h`-style field, flat (Zeek's default) or nested (`{"id": {"orig_h": …}}`). */
function idField(o: Obj, name: 'orig_h' | 'resp_h' | 'resp_p'): unknown {
  const flat = o[`id.${name}`];
  if (flat !== undefined) return flat;
  const id = o.id;
  return id && typeof id === 'object' ? (id as Obj)[name] : undefined;
}

/**
 * Parses one Zeek JSON line into `sink`. The type comes from `_path`, else from the fields, else `fallback`.
 * Returns the log type delivered, null for a log type mamori does not analyse, or 'bad' for a damaged line.
 *
 * @example
 * parseJsonLine('{"_path":"ssl","ts":1,"id.orig_h":"10.0.0.1","id.resp_h":"1.2.3.4","server_name":"x"}', sink, ''); // 'ssl'
 */
export function parseJsonLine(line: string, sink: RecordSink, fallback: string): LogType | null | 'bad' {
  let o: unknown;
  try {
    o = JSON.parse(line);
  } catch {
    return 'bad';
  }
  if (!o || typeof o !== 'object' || Array.isArray(o)) return 'bad';
  const obj = o as Obj;
  const type = supportedPath(typeof obj._path === 'string' ? obj._path : fallback || pathFromJsonFields(obj));
  if (!type) return null;
  const ts = jsonTime(obj.ts);
  const src = str(idField(obj, 'orig_h'));
  const dst = str(idField(obj, 'resp_h'));
  if (ts !== ts) return 'bad';
  if (type !== 'files' && (src === '' || dst === '')) return 'bad';
  const dport = n(idField(obj, 'resp_p'));
  switch (type) {
    case 'conn':
      sink.conn({ ts, src, dst, dport, proto: str(obj.proto), service: str(obj.service), duration: n(obj.duration), origBytes: n(obj.orig_bytes), respBytes: n(obj.resp_bytes), state: str(obj.conn_state) });
      break;
    case 'dns':
      sink.dns({ ts, src, dst, query: str(obj.query), qtype: str(obj.qtype_name), rcode: str(obj.rcode_name), answers: strs(obj.answers) });
      break;
    case 'http':
      sink.http({ ts, src, dst, dport: dport || 80, host: str(obj.host), method: str(obj.method), uri: str(obj.uri), requestBytes: n(obj.request_body_len), responseBytes: n(obj.response_body_len), status: n(obj.status_code), duration: 0 }, 'http');
      break;
    case 'ssl':
      sink.ssl({ ts, src, dst, dport: dport || 443, serverName: str(obj.server_name) });
      break;
    case 'files': {
      let tx = strs(obj.tx_hosts);
      let rx = strs(obj.rx_hosts);
      if (tx.length === 0 && rx.length === 0 && src !== '' && dst !== '') {
        tx = [obj.is_orig === true ? src : dst];
        rx = [obj.is_orig === true ? dst : src];
      }
      sink.files({ ts, tx, rx, bytes: n(obj.seen_bytes) || n(obj.total_bytes), mimeType: str(obj.mime_type), filename: str(obj.filename) });
      break;
    }
  }
  return type;
}
