/**
 * Reference implementations kept for tests: the winnowing of scheme w61k40v3 as first written (hashing and
 * window selection in two plain passes). The fast paths in src/fingerprint must agree with them exactly —
 * stored fingerprints and snapshots depend on it.
 */
const K = 40;
const W = 61;
const BASE = 0x01000193;
let bk = 1;
for (let i = 0; i < K; i++) bk = Math.imul(bk, BASE);
const BASE_K = bk;

function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

/** Fingerprints (hash, position) and every k-gram's hash of `codes[0..n)`, by the reference algorithm. */
export function winnowReference(codes: Uint16Array, n: number): { hashes: number[]; positions: number[]; kgrams: number[] } {
  const npos = n - K + 1;
  if (npos <= 0) return { hashes: [], positions: [], kgrams: [] };
  const kgrams: number[] = [];
  let h = 0;
  for (let i = 0; i < K; i++) h = (Math.imul(h, BASE) + codes[i]!) | 0;
  kgrams.push(fmix(h) >>> 0);
  for (let p = 1; p < npos; p++) {
    h = (Math.imul(h, BASE) + codes[p + K - 1]! - Math.imul(codes[p - 1]!, BASE_K)) | 0;
    kgrams.push(fmix(h) >>> 0);
  }
  // Window minima, robust: keep the selection while it is still the minimum and in the window; otherwise the
  // rightmost minimum of the window. A text shorter than a window: the leftmost minimum of all its k-grams.
  const hashes: number[] = [];
  const positions: number[] = [];
  let sel = 0;
  for (let p = 1; p < Math.min(npos, W); p++) if (kgrams[p]! < kgrams[sel]!) sel = p;
  hashes.push(kgrams[sel]!);
  positions.push(sel);
  for (let end = W; end < npos; end++) {
    const from = end - W + 1;
    if (sel >= from && kgrams[end]! >= kgrams[sel]!) continue;
    if (kgrams[end]! < kgrams[sel]!) sel = end;
    else {
      sel = from;
      for (let i = from + 1; i <= end; i++) if (kgrams[i]! <= kgrams[sel]!) sel = i;
    }
    hashes.push(kgrams[sel]!);
    positions.push(sel);
  }
  return { hashes, positions, kgrams };
}
