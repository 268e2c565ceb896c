import type { NetFinding, NetFindingKind, Severity } from '../../core/index.js';
import type { PairSummary } from '../../store/index.js';
import type { HuntContext } from './context.js';

/**
 * Ports whose periodic use is ordinary: web, DNS, NTP, mail, SSH, and the push/keep-alive services that poll by
 * design (5223 Apple push, 5228 Google FCM, 8883 MQTT over TLS used by antivirus and IoT push, 3478 STUN).
 */
const COMMON_PORTS = new Set([80, 443, 53, 123, 853, 8080, 8443, 993, 995, 465, 587, 25, 22, 5228, 3478, 5223, 8883]);

/** The pair's most used destination port. */
export function mainPort(p: PairSummary): number | null {
  let best: number | null = null;
  let count = -1;
  for (const [port, c] of Object.entries(p.ports)) {
    if (c > count) {
      best = Number(port);
      count = c;
    }
  }
  return best;
}

/** Bytes out that make an upload-heavy pair corroborating evidence (a handful of office documents). */
export const UPLOAD_EVIDENCE_BYTES = 5 * 1024 * 1024;

/**
 * Corroborating signs that turn a regular pattern into a likely compromise. Periodic update checks score as
 * beacons too; without one of these they stay below `high`.
 */
export function corroboration(p: PairSummary, ctx: HuntContext): string[] {
  const out: string[] = [];
  const port = mainPort(p);
  if (port !== null && !COMMON_PORTS.has(port)) out.push(`uncommon port ${port}`);
  if (p.connections >= 5 && p.failed / p.connections >= 0.5) out.push(`${Math.round((100 * p.failed) / p.connections)}% of connections never completed (server unreachable or refusing, the client keeps trying)`);
  // Absence of a name only counts when the host's own DNS lookups are in the logs: otherwise nobody could have seen one.
  if (p.kind === 'ip' && p.dstHost === null && ctx.hasDns(p.src)) out.push('no DNS answer, SNI or Host header names the destination');
  if (p.kind === 'ip' && ctx.internalHosts >= 3 && ctx.srcsFor(p.dst) === 1) out.push(`no other of ${ctx.internalHosts} internal hosts talks to it`);
  if (p.bytesOut >= UPLOAD_EVIDENCE_BYTES && p.bytesOut > 2 * p.bytesIn) out.push(`sends more than it receives (${fmtBytes(p.bytesOut)} out, ${fmtBytes(p.bytesIn)} in)`);
  return out;
}

/**
 * Severity from a score and the count of corroborating signs: a score alone reaches at most `medium`.
 *
 * @example
 * severityOf(0.9, 0); // 'medium'
 * severityOf(0.9, 2); // 'critical'
 */
export function severityOf(score: number, evidence: number): Severity {
  if (score < 0.45) return 'low';
  if (score < 0.7 || evidence === 0) return 'medium';
  if (evidence >= 2 && score >= 0.8) return 'critical';
  return 'high';
}

export const clamp01 = (x: number): number => (x < 0 ? 0 : x > 1 ? 1 : x);
/** Linear ramp: 0 at `lo`, 1 at `hi`. */
export const ramp = (x: number, lo: number, hi: number): number => clamp01((x - lo) / (hi - lo));

export function fmtBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let v = n / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v.toFixed(1)} ${units[i]}`;
}

export function fmtSeconds(s: number): string {
  if (s < 120) return `${Math.round(s)} s`;
  if (s < 7200) return `${(s / 60).toFixed(1)} min`;
  return `${(s / 3600).toFixed(1)} h`;
}

/** A finding for a pair with the common fields filled. */
export function pairFinding(kind: NetFindingKind, p: PairSummary, score: number, severity: Severity, reasons: string[]): NetFinding {
  return {
    kind,
    src: p.src,
    dst: p.dst,
    dstHost: p.dstHost,
    port: mainPort(p),
    score: Math.round(score * 1000) / 1000,
    severity,
    firstSeen: new Date(p.firstSeen).toISOString(),
    lastSeen: new Date(p.lastSeen).toISOString(),
    connections: p.connections,
    bytesOut: p.bytesOut,
    reasons,
  };
}
