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
export const K = 40;
export const W = 61;
/** Shared runs at least this long (normalised characters) are guaranteed to be found. */
export const GUARANTEE = W + K - 1;
/** Algorithm and parameters; stored with each document so a change forces re-registration. */
export const SCHEME = `w${W}k${K}v3`;

const BASE = 0x01000193;
let bk = 1;
for (let i = 0; i < K; i++) bk = Math.imul(bk, BASE);
/** BASE^K mod 2^32, to drop the outgoing character from the rolling hash. */
const BASE_K = bk;

/** murmur3's finaliser: spreads the polynomial hash's weak low bits over all 32. */
function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** Winnowed fingerprints of one text, in position order, and the hash of every k-gram position. */
export interface Winnowed {
  /** Fingerprint hashes (32-bit), position order; a hash may repeat when the text repeats. */
  readonly hashes: Uint32Array;
  /** Normalised-character index of each fingerprint's k-gram. */
  readonly positions: Uint32Array;
  /** The (mixed) hash of every k-gram position; length = max(0, chars − K + 1). */
  readonly kgrams: Uint32Array;
}

/**
 * Rolls the k-gram hash over `codes[0..n)` and winnows it.
 *
 * @example
 * const { codes, length } = normaliseCodes(text);
 * const w = winnow(codes, length); // w.hashes.length ≈ length / 31
 */
export function winnow(codes: Uint16Array, n: number): Winnowed {
  const npos = n - K + 1;
  if (npos <= 0) return { hashes: new Uint32Array(0), positions: new Uint32Array(0), kgrams: new Uint32Array(0) };
  let fpCap = Math.max(16, (npos / 16) | 0);
  let fpHash = new Uint32Array(fpCap);
  let fpPos = new Uint32Array(fpCap);
  let count = 0;
  // All k-gram hashes (kept for check bits too): the window minimum is rescanned only when the selected one leaves the window,
  // which for random hashes costs about two reads per position (adversarial input: at most W).
  const all = new Uint32Array(npos);
  let sel = -1;
  let min = 0;
  let h = 0;
  for (let i = 0; i < K - 1; i++) h = (Math.imul(h, BASE) + codes[i]!) | 0;
  for (let p = 0; p < npos; p++) {
    h = (Math.imul(h, BASE) + codes[p + K - 1]! - (p > 0 ? Math.imul(codes[p - 1]!, BASE_K) : 0)) | 0;
    const fh = fmix(h);
    all[p] = fh;
    let changed = false;
    if (sel < 0 || fh < min) {
      // A strictly smaller hash wins; an equal one does not replace a selection still in the window (robust).
      sel = p;
      min = fh;
      changed = true;
    } else if (sel <= p - W) {
      // The selection left the window: rightmost minimum of the window.
      const from = p - W + 1;
      sel = from;
      min = all[from]!;
      for (let i = from + 1; i <= p; i++) {
        const v = all[i]!;
        if (v <= min) {
          min = v;
          sel = i;
        }
      }
      changed = true;
    }
    if (p < W - 1 && p !== npos - 1) continue;
    if (!changed && !(p === W - 1 || (p === npos - 1 && npos < W))) continue;
    if (count > 0 && fpPos[count - 1] === sel) continue;
    if (count === fpCap) {
      fpCap *= 2;
      const gh = new Uint32Array(fpCap);
      gh.set(fpHash);
      fpHash = gh;
      const gp = new Uint32Array(fpCap);
      gp.set(fpPos);
      fpPos = gp;
    }
    fpHash[count] = min;
    fpPos[count] = sel;
    count++;
  }
  return { hashes: fpHash.subarray(0, count), positions: fpPos.subarray(0, count), kgrams: all };
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
