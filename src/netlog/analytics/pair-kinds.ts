import type { NetFinding } from '../../core/index.js';
import type { PairSummary } from '../../store/index.js';
import type { HuntContext } from './context.js';
import { corroboration, fmtBytes, fmtSeconds, pairFinding, ramp, severityOf } from './evidence.js';

/** Connections from one source to one destination at a rate no program needs: at least one a second for an hour. */
export const STROBE_MIN_CONNECTIONS = 3600;
/** Distinct ports to one destination that make a port sweep. */
export const STROBE_MIN_PORTS = 100;
export const LONG_MIN_SECONDS = 3600;
export const EXFIL_MIN_BYTES = 5 * 1024 * 1024;

/**
 * Pairs with so many connections (or ports) that they are a strobe rather than a beacon.
 *
 * @example
 * scoreStrobe(pair)?.reasons; // ['7200 connections, 2.0 per second']
 */
export function scoreStrobe(p: PairSummary): NetFinding | null {
  const span = Math.max(3600, (p.lastSeen - p.firstSeen) / 1000);
  const rate = p.connections / span;
  const byRate = p.connections >= STROBE_MIN_CONNECTIONS && rate >= 1;
  const byPorts = p.distinctPorts >= STROBE_MIN_PORTS;
  if (!byRate && !byPorts) return null;
  const score = Math.max(byRate ? 0.5 + 0.5 * ramp(Math.log10(rate), 0, 2) : 0, byPorts ? 0.5 + 0.5 * ramp(Math.log10(p.distinctPorts), 2, 4) : 0);
  const reasons: string[] = [];
  if (byRate) reasons.push(`${p.connections} connections, ${rate.toFixed(1)} per second`);
  if (byPorts) reasons.push(`${p.distinctPorts} distinct destination ports (port sweep)`);
  return pairFinding('strobe', p, score, score >= 0.8 ? 'high' : 'medium', reasons);
}

/**
 * Connections lasting an hour or more: interactive C2 channels and tunnels hold one open.
 *
 * @example
 * scoreLongConnection(pair, ctx)?.score;
 */
export function scoreLongConnection(p: PairSummary, ctx: HuntContext): NetFinding | null {
  if (p.maxDuration < LONG_MIN_SECONDS) return null;
  const extra = corroboration(p, ctx);
  const score = 0.4 + 0.6 * ramp(Math.log2(p.maxDuration / 3600), 0, Math.log2(24));
  const reasons = [`longest connection ${fmtSeconds(p.maxDuration)}`, `${fmtSeconds(p.totalDuration)} connected in total over ${p.connections} connections`, ...extra];
  return pairFinding('long-connection', p, score, severityOf(score, extra.length), reasons);
}

/**
 * Bytes out far above the source's own other destinations and the network's, especially when uploads dominate.
 *
 * @example
 * scoreExfil(pair, ctx)?.reasons[0]; // '400.0 MiB sent, 10.0 KiB received (upload/download 40960.0)'
 */
export function scoreExfil(p: PairSummary, ctx: HuntContext): NetFinding | null {
  if (p.bytesOut < EXFIL_MIN_BYTES) return null;
  const z = ctx.volumeZ(p.src, p.bytesOut);
  const ratio = p.bytesOut / Math.max(1, p.bytesIn);
  const score = 0.25 * ramp(Math.log10(p.bytesOut), 6.7, 9) + 0.25 * ramp(z.own, 1, 4) + 0.25 * ramp(z.network, 1, 4) + 0.25 * ramp(Math.log10(ratio), 0, 2);
  if (score < 0.3) return null;
  const reasons = [
    `${fmtBytes(p.bytesOut)} sent, ${fmtBytes(p.bytesIn)} received (upload/download ${ratio.toFixed(1)})`,
    `${z.own.toFixed(1)} σ above this host's other destinations, ${z.network.toFixed(1)} σ above the network's (log scale)`,
  ];
  const extra = corroboration(p, ctx).filter((r) => !r.startsWith('sends more'));
  if (ratio >= 2) extra.push('upload-heavy');
  return pairFinding('exfil-volume', p, score, severityOf(score, extra.length), [...reasons, ...extra]);
}

/**
 * A destination only this internal host talks to, among several hosts, with repeated contact.
 *
 * @example
 * scoreRare(pair, ctx)?.severity; // 'low'
 */
export function scoreRare(p: PairSummary, ctx: HuntContext): NetFinding | null {
  if (p.kind !== 'ip' || ctx.internalHosts < 3 || ctx.srcsFor(p.dst) !== 1) return null;
  if (p.connections < 3 && p.bytesOut < 100_000) return null;
  const extra = corroboration(p, ctx).filter((r) => !r.startsWith('no other'));
  const score = 0.3 + 0.1 * Math.min(3, extra.length) + 0.1 * ramp(Math.log10(p.connections), 0.5, 3);
  const reasons = [`only this host of ${ctx.internalHosts} talks to it`, `first seen ${new Date(ctx.firstSeenOf(p.dst)).toISOString()}`, `${p.connections} connections, ${fmtBytes(p.bytesOut)} out`, ...extra];
  return pairFinding('rare-destination', p, score, score >= 0.6 ? 'medium' : 'low', reasons);
}
