/**
 * Winnowing (Schleimer, Wilkerson, Aiken 2003) over character k-grams of normalised text.
 *
 * Every k-gram (K = 40 normalised characters) gets a 32-bit rolling hash. In every window of W = 61
 * consecutive k-gram hashes the minimum is selected (robust winnowing: the rightmost minimum, and a
 * selection that is still the minimum is kept, so low-entropy runs like "-----" yield one fingerprint per
 * window instead of one per character). Guarantee: any run of t = W + K − 1 = 100 normalised characters
 * that two texts share contains W whole k-grams, i.e. one full window, whose minimum both texts select —
 * so every shared run of ≥ 100 normalised characters yields at least one common fingerprint. The expected
 * density is 2 / (W + 1) ≈ one fingerprint per 31 characters.
 *
 * Besides the fingerprints, every k-gram position gets 2 "check" bits from an independent mix of its hash.
 * They let a match grow from one shared fingerprint to the true extent of the shared run (character by
 * character) without storing the text: a run of L shared characters is measured as L (plus a third of a
 * character of overshoot on average).
 */
// Module-local constants for the hot loops: exported bindings were not folded into them (measured 15% slower).
const KGRAM = 40;
const WINDOW = 61;
export const K = KGRAM;
export const W = WINDOW;
/** Shared runs at least this long (normalised characters) are guaranteed to be found. */
export const GUARANTEE = W + K - 1;
/** Algorithm and parameters; stored with each document so a change forces re-registration. */
export const SCHEME = `w${W}k${K}v3`;

const BASE = 0x01000193;
let bk = 1;
for (let i = 0; i < K; i++) bk = Math.imul(bk, BASE);
/** BASE^K mod 2^32, to drop the outgoing character from the rolling hash. */
const BASE_K = bk;

/** Winnowed fingerprints of one text, in position order, and the hash of every k-gram position. */
export interface Winnowed {
  /** Fingerprint hashes (32-bit), position order; a hash may repeat when the text repeats. */
  readonly hashes: Uint32Array;
  /** Normalised-character index of each fingerprint's k-gram. */
  readonly positions: Uint32Array;
  /** The (mixed) hash of every k-gram position; length = max(0, chars − K + 1). */
  readonly kgrams: Uint32Array;
}

/** Arrays `winnowInto` writes to; replaced by larger ones when too small. */
export interface WinnowBuffers {
  hashes: Uint32Array<ArrayBuffer>;
  positions: Uint32Array<ArrayBuffer>;
  /** K-gram keys: hash ^ 0x80000000 as int32 (`keyHash` turns one back). */
  keys: Int32Array<ArrayBuffer>;
}

// Keys are hash ^ 0x80000000 as signed int32: they order as the unsigned hashes do and stay small integers
// for the compiler (a uint32 above 2³¹ would be a double).
const SIGN = 0x80000000 | 0;

/**
 * Rolls the k-gram hash over `codes[0..n)` and winnows it.
 *
 * @example
 * const { codes, length } = normaliseCodes(text);
 * const w = winnow(codes, length); // w.hashes.length ≈ length / 31
 */
export function winnow(codes: Uint16Array, n: number): Winnowed {
  const npos = Math.max(0, n - K + 1);
  const buffers: WinnowBuffers = { hashes: new Uint32Array(Math.max(16, (npos / 16) | 0)), positions: new Uint32Array(Math.max(16, (npos / 16) | 0)), keys: new Int32Array(npos) };
  const count = winnowInto(codes, n, buffers);
  const kgrams = new Uint32Array(buffers.keys.buffer, 0, npos);
  for (let p = 0; p < npos; p++) kgrams[p] = kgrams[p]! ^ SIGN;
  return { hashes: buffers.hashes.subarray(0, count), positions: buffers.positions.subarray(0, count), kgrams };
}

/**
 * `winnow` into caller-owned arrays (a lookup reuses them from text to text instead of allocating):
 * fingerprints in `hashes`/`positions[0..count)`, k-gram keys in `keys[0..max(0, n − K + 1))`.
 *
 * @example
 * const count = winnowInto(codes, length, buffers); // buffers.hashes[0..count) are the fingerprints
 */
export function winnowInto(codes: Uint16Array, n: number, buffers: WinnowBuffers): number {
  const npos = n - KGRAM + 1;
  if (npos <= 0) return 0;
  if (buffers.keys.length < npos) buffers.keys = new Int32Array(npos + (npos >> 3));
  if (buffers.hashes.length === 0 || buffers.positions.length !== buffers.hashes.length) {
    buffers.hashes = new Uint32Array(16);
    buffers.positions = new Uint32Array(16);
  }
  const keys = buffers.keys;
  // Every k-gram hash, rolled, and the minimum of every window of W in the same loop. The selection changes
  // only when a strictly smaller hash arrives or the selected one leaves the window (then the rightmost
  // minimum of the window is taken: robust winnowing); each change is one fingerprint. The rescan of a
  // window is a function of its own so the loop stays small (measured 13% faster than hashing and
  // selecting in two loops).
  let h = 0;
  for (let i = 0; i < KGRAM; i++) h = (Math.imul(h, BASE) + codes[i]!) | 0;
  let min = fmix(h) ^ SIGN;
  keys[0] = min;
  let sel = 0;
  // The first window (or the whole text, when shorter): its leftmost minimum.
  const first = Math.min(npos, WINDOW);
  for (let p = 1; p < first; p++) {
    h = (Math.imul(h, BASE) + codes[p + KGRAM - 1]! - Math.imul(codes[p - 1]!, BASE_K)) | 0;
    // fmix, written out: the call was not always inlined.
    let x = h ^ (h >>> 16);
    x = Math.imul(x, 0x85ebca6b);
    x ^= x >>> 13;
    x = Math.imul(x, 0xc2b2ae35);
    const v = x ^ (x >>> 16) ^ SIGN;
    keys[p] = v;
    if (v < min) {
      min = v;
      sel = p;
    }
  }
  let fpHash = buffers.hashes;
  let fpPos = buffers.positions;
  fpHash[0] = min ^ SIGN;
  fpPos[0] = sel;
  let count = 1;
  let expires = sel + WINDOW;
  for (let p = WINDOW; p < npos; p++) {
    h = (Math.imul(h, BASE) + codes[p + KGRAM - 1]! - Math.imul(codes[p - 1]!, BASE_K)) | 0;
    let x = h ^ (h >>> 16);
    x = Math.imul(x, 0x85ebca6b);
    x ^= x >>> 13;
    x = Math.imul(x, 0xc2b2ae35);
    const v = x ^ (x >>> 16) ^ SIGN;
    keys[p] = v;
    if (v >= min && p < expires) continue;
    if (v < min) {
      min = v;
      sel = p;
    } else {
      // The selection left the window at p: rightmost minimum of [p − W + 1, p].
      sel = rightmostMinimum(keys, p - WINDOW + 1, p);
      min = keys[sel]!;
    }
    expires = sel + WINDOW;
    if (count === fpHash.length) {
      const gh = new Uint32Array(count * 2);
      gh.set(fpHash);
      buffers.hashes = fpHash = gh;
      const gp = new Uint32Array(count * 2);
      gp.set(fpPos);
      buffers.positions = fpPos = gp;
    }
    fpHash[count] = min ^ SIGN;
    fpPos[count] = sel;
    count++;
  }
  return count;
}

/** Index of the rightmost minimum of keys[from..to]. */
function rightmostMinimum(keys: Int32Array, from: number, to: number): number {
  let sel = from;
  let min = keys[from]!;
  for (let i = from + 1; i <= to; i++) {
    const u = keys[i]!;
    if (u <= min) {
      min = u;
      sel = i;
    }
  }
  return sel;
}

/** murmur3's finaliser: spreads the polynomial hash's weak low bits over all 32. */
function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

/**
 * The hash of a k-gram from its key in `WinnowBuffers.keys`.
 *
 * @example
 * checkBits(keyHash(buffers.keys[p]));
 */
export function keyHash(key: number): number {
  return key ^ SIGN;
}

/**
 * The 2 check bits of a k-gram from its hash: the top bits of a multiplicative mix, independent enough of
 * the bits that decide window minima.
 *
 * @example
 * checkBits(w.kgrams[p]); // 0..3
 */
export function checkBits(kgramHash: number): number {
  return Math.imul(kgramHash, 0x9e3779b1) >>> 30;
}
