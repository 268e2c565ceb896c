/** Size of the K-minimum-values sketch: exact up to K distinct values, about ±9% beyond. */
export const KMV_K = 128;

/** 32-bit FNV-1a of a string, spread with a final avalanche so low bits are usable. */
export function hash32(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * Adds a hash to a sorted K-minimum-values sketch in place (a distinct-count estimate that merges across ingests).
 *
 * @example
 * const sketch: number[] = []; kmvAdd(sketch, hash32('a.example.com')); kmvCount(sketch); // 1
 */
export function kmvAdd(sketch: number[], h: number): void {
  const n = sketch.length;
  if (n >= KMV_K && h >= sketch[n - 1]!) return;
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sketch[mid]! < h) lo = mid + 1;
    else hi = mid;
  }
  if (sketch[lo] === h) return;
  sketch.splice(lo, 0, h);
  if (sketch.length > KMV_K) sketch.pop();
}

/** Merges sketch `b` into a new sketch. */
export function kmvMerge(a: readonly number[], b: readonly number[]): number[] {
  const out = [...a];
  for (const h of b) kmvAdd(out, h);
  return out;
}

/** Estimated number of distinct values added. */
export function kmvCount(sketch: readonly number[]): number {
  if (sketch.length < KMV_K) return sketch.length;
  return Math.round((KMV_K - 1) / ((sketch[KMV_K - 1]! + 1) / 2 ** 32));
}
