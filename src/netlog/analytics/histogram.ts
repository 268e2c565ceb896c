import type { SparseHistogram } from '../../store/index.js';

/** Interval bins grow by 12.5%: from 1 s, bin 95 reaches about 22 h; longer gaps land in the last bin. */
export const INTERVAL_BINS = 96;
const INTERVAL_RATIO = Math.log(1.125);
/** Size bins grow by 25% from 1 byte; bin 79 holds 50 MB and more. */
export const SIZE_BINS = 80;
const SIZE_RATIO = Math.log(1.25);

/** Histogram bin of an interval in seconds (≥ 1). */
export function intervalBin(seconds: number): number {
  return Math.min(INTERVAL_BINS - 1, Math.max(0, Math.floor(Math.log(seconds) / INTERVAL_RATIO)));
}

/** Lower edge in seconds of an interval bin; the bin's centre is edge × 1.06. */
export function intervalOf(bin: number): number {
  return Math.exp(bin * INTERVAL_RATIO);
}

/** Histogram bin of a byte count; 0 bytes has its own bin. */
export function sizeBin(bytes: number): number {
  if (bytes <= 0) return 0;
  return Math.min(SIZE_BINS - 1, 1 + Math.floor(Math.log(bytes) / SIZE_RATIO));
}

/** Lower edge in bytes of a size bin. */
export function sizeOf(bin: number): number {
  return bin === 0 ? 0 : Math.exp((bin - 1) * SIZE_RATIO);
}

/** Dense counts to sparse [bin, count] pairs. */
export function toSparse(dense: ArrayLike<number>): SparseHistogram {
  const out: SparseHistogram = [];
  for (let i = 0; i < dense.length; i++) if (dense[i]! > 0) out.push([i, dense[i]!]);
  return out;
}

/** Sparse pairs to dense counts of length `bins` (out-of-range bins dropped). */
export function toDense(sparse: SparseHistogram, bins: number): number[] {
  const out = new Array<number>(bins).fill(0);
  for (const [b, c] of sparse) if (b >= 0 && b < bins) out[b]! += c;
  return out;
}

/** Element-wise sum of sparse histograms. */
export function addSparse(a: SparseHistogram, b: SparseHistogram, bins: number): SparseHistogram {
  const d = toDense(a, bins);
  for (const [i, c] of b) if (i >= 0 && i < bins) d[i]! += c;
  return toSparse(d);
}

/**
 * The densest run of `width` consecutive bins: its first bin and the count inside.
 *
 * @example
 * densestWindow([0, 5, 9, 1, 0], 2); // { start: 1, count: 14 }
 */
export function densestWindow(dense: readonly number[], width: number): { start: number; count: number } {
  let best = { start: 0, count: 0 };
  let run = 0;
  for (let i = 0; i < dense.length; i++) {
    run += dense[i]!;
    if (i >= width) run -= dense[i - width]!;
    if (run > best.count) best = { start: Math.max(0, i - width + 1), count: run };
  }
  return best;
}

/** The bin holding the q-quantile (0..1) of a dense histogram, or -1 when empty. */
export function quantileBin(dense: readonly number[], q: number): number {
  const total = dense.reduce((s, c) => s + c, 0);
  if (total === 0) return -1;
  let acc = 0;
  for (let i = 0; i < dense.length; i++) {
    acc += dense[i]!;
    if (acc >= q * total) return i;
  }
  return dense.length - 1;
}
