import type { NetFinding } from '../../core/index.js';
import type { PairSummary } from '../../store/index.js';
import type { HuntContext } from './context.js';
import { clamp01, corroboration, fmtBytes, fmtSeconds, pairFinding, ramp, severityOf } from './evidence.js';
import { INTERVAL_BINS, SIZE_BINS, densestWindow, intervalOf, quantileBin, sizeOf, toDense } from './histogram.js';

/** Fewest connections (and intervals) worth scoring. */
export const BEACON_MIN_CONNECTIONS = 6;
/** Interval window: 5 bins of 12.5% ≈ ×1.8, wide enough for a 200–350 s randomised sleep. */
const TIMING_WIDTH = 5;
/** Bins between the period and its multiples ×2, ×3, ×4: missed check-ins still count as regular. */
const MULTIPLES = [2, 3, 4].map((k) => Math.round(Math.log(k) / Math.log(1.125)));
/** Size window: 2 bins of 25% ≈ ×1.56. */
const SIZE_WIDTH = 2;

/**
 * Timing regularity 0..1 and its evidence, from a dense interval histogram.
 *
 * @example
 * timingRegularity(toDense(pair.intervals, INTERVAL_BINS)).regular; // 0.93
 */
export function timingRegularity(intervals: number[]): { regular: number; inWindow: number; missed: number; total: number; low: number; high: number } {
  const total = intervals.reduce((s, c) => s + c, 0);
  const w = densestWindow(intervals, TIMING_WIDTH);
  let missed = 0;
  const counted = new Set<number>();
  for (let b = w.start; b < w.start + TIMING_WIDTH; b++) counted.add(b);
  for (const shift of MULTIPLES) {
    for (let b = w.start + shift; b < w.start + shift + TIMING_WIDTH && b < INTERVAL_BINS; b++) {
      if (counted.has(b)) continue;
      counted.add(b);
      missed += intervals[b]!;
    }
  }
  const regular = total === 0 ? 0 : (w.count + 0.75 * missed) / total;
  return { regular, inWindow: w.count, missed, total, low: intervalOf(w.start), high: intervalOf(w.start + TIMING_WIDTH) };
}

/**
 * Beacon score of a pair: timing regularity (densest ×1.8 window of intervals plus its multiples for missed
 * check-ins), size regularity, spread over the hours of the day, persistence over the source's observed time,
 * and connection count; weighted 0.40/0.20/0.15/0.15/0.10. Severity needs corroboration beyond the pattern.
 *
 * @example
 * const f = scoreBeacon(pair, ctx); if (f) findings.push(f);
 */
export function scoreBeacon(p: PairSummary, ctx: HuntContext): NetFinding | null {
  if (p.connections < BEACON_MIN_CONNECTIONS) return null;
  const intervals = toDense(p.intervals, INTERVAL_BINS);
  const t = timingRegularity(intervals);
  if (t.total < BEACON_MIN_CONNECTIONS - 2) return null;
  const timing = ramp(t.regular, 0.35, 0.9);
  if (timing < 0.3) return null;
  const sizes = toDense(p.sizes, SIZE_BINS);
  const sw = densestWindow(sizes, SIZE_WIDTH);
  const sizeTotal = sizes.reduce((s, c) => s + c, 0);
  const size = p.kind === 'host' && p.bytesOut + p.bytesIn === 0 ? timing : ramp(sizeTotal ? sw.count / sizeTotal : 0, 0.35, 0.9);
  const spanH = (p.lastSeen - p.firstSeen) / 3_600_000;
  const hoursCovered = p.hours.filter((c) => c > 0).length;
  const srcSpanH = ctx.srcSpan(p.src) / 3600;
  // Against the source's observed time, not the pair's own: a one-minute burst is not spread over anything.
  const spread = clamp01(hoursCovered / Math.max(1, Math.min(24, Math.ceil(srcSpanH))));
  const persistence = clamp01(Math.max((p.lastSeen - p.firstSeen) / 1000 / ctx.srcSpan(p.src), srcSpanH >= 2 ? p.hoursSeen / Math.ceil(srcSpanH) : 0));
  const count = ramp(Math.log(p.connections), Math.log(BEACON_MIN_CONNECTIONS), Math.log(100));
  const base = 0.4 * timing + 0.2 * size + 0.15 * spread + 0.15 * persistence + 0.1 * count;
  const extra = corroboration(p, ctx);
  const score = clamp01(base * (0.85 + 0.05 * Math.min(3, extra.length)));
  const median = intervalOf(quantileBin(intervals, 0.5)) * 1.06;
  const q1 = intervalOf(quantileBin(intervals, 0.25));
  const q3 = intervalOf(quantileBin(intervals, 0.75) + 1);
  const reasons = [
    `${p.connections} connections over ${fmtSeconds(spanH * 3600)}, median interval ${fmtSeconds(median)}`,
    `timing ${Math.round(100 * t.regular)}% regular: ${t.inWindow} of ${t.total} intervals within ${fmtSeconds(t.low)}–${fmtSeconds(t.high)}` +
      (t.missed ? `, ${t.missed} at 2–4× that (missed check-ins)` : '') +
      `; middle half of intervals ${fmtSeconds(q1)}–${fmtSeconds(q3)}`,
    `sizes ${sizeTotal ? Math.round((100 * sw.count) / sizeTotal) : 0}% alike (${fmtBytes(Math.round(sizeOf(sw.start)))}–${fmtBytes(Math.round(sizeOf(sw.start + SIZE_WIDTH)))} sent per connection), ${fmtBytes(p.bytesOut)} out in total`,
    `active in ${hoursCovered} hours of the day, ${Math.round(100 * persistence)}% of the source's observed time`,
    ...extra,
  ];
  return pairFinding('beacon', p, score, severityOf(score, extra.length), reasons);
}
