import { isIP } from 'node:net';
import type { NetFinding } from '../core/index.js';
import { normaliseIp } from './keys.js';

const KINDS = new Set(['beacon', 'dns-tunnel', 'exfil-volume', 'long-connection', 'rare-destination', 'strobe']);
const SEVERITIES = new Set(['low', 'medium', 'high', 'critical']);

const count = (n: unknown) => (typeof n === 'number' && Number.isFinite(n) && n >= 0 ? Math.floor(n) : 0);
const time = (t: unknown) => (typeof t === 'string' && !Number.isNaN(Date.parse(t)) ? new Date(Date.parse(t)).toISOString() : null);
const text = (s: unknown, max: number) => (typeof s === 'string' ? s.slice(0, max) : '');

/**
 * A finding cleaned for storage, or the reason it cannot be used: source and destination must be IP addresses,
 * kind and severity known, times parseable; counts that are not finite non-negative numbers become 0, and
 * texts are cut to a sane length so one hostile record cannot bloat the store.
 *
 * @example
 * const r = cleanFinding(f); if (!r.ok) skipped.push(r.error);
 */
export function cleanFinding(f: NetFinding): { ok: true; value: NetFinding } | { ok: false; error: string } {
  const src = normaliseIp(f.src);
  const dst = normaliseIp(f.dst);
  if (!src || isIP(src) === 0) return { ok: false, error: `finding source is not an IP address: ${JSON.stringify(f.src)?.slice(0, 60)}` };
  if (!dst || isIP(dst) === 0) return { ok: false, error: `finding destination is not an IP address: ${JSON.stringify(f.dst)?.slice(0, 60)}` };
  if (!KINDS.has(f.kind)) return { ok: false, error: `unknown finding kind ${JSON.stringify(f.kind)?.slice(0, 40)}` };
  if (!SEVERITIES.has(f.severity)) return { ok: false, error: `unknown severity ${JSON.stringify(f.severity)?.slice(0, 40)}` };
  const firstSeen = time(f.firstSeen);
  const lastSeen = time(f.lastSeen);
  if (!firstSeen || !lastSeen) return { ok: false, error: 'finding times are not ISO 8601' };
  const port = typeof f.port === 'number' && Number.isInteger(f.port) && f.port >= 0 && f.port <= 65535 ? f.port : null;
  const score = typeof f.score === 'number' && Number.isFinite(f.score) ? Math.min(1, Math.max(0, f.score)) : 0;
  return {
    ok: true,
    value: {
      kind: f.kind,
      src,
      dst,
      dstHost: f.dstHost ? text(f.dstHost, 253) : null,
      port,
      score,
      severity: f.severity,
      firstSeen: firstSeen < lastSeen ? firstSeen : lastSeen,
      lastSeen: firstSeen < lastSeen ? lastSeen : firstSeen,
      connections: count(f.connections),
      bytesOut: count(f.bytesOut),
      reasons: Array.isArray(f.reasons) ? f.reasons.slice(0, 20).map((r) => text(r, 500)) : [],
    },
  };
}
