import { normaliseCodes } from './normalise.js';
import { K, checkBits, keyHash, winnowInto, type WinnowBuffers } from './winnow.js';

/** How often one fingerprint may repeat inside one document: repeats beyond this add nothing. */
const MAX_REPEATS = 8;

/** What the index keeps of one document: fingerprints with positions and packed check bits, no text. */
export interface DocumentFingerprints {
  /** Normalised characters. */
  readonly chars: number;
  /** Fingerprint hashes in position order (a hash repeats at most 8 times). */
  readonly hashes: Uint32Array;
  readonly positions: Uint32Array;
  /** Distinct fingerprint hashes: the denominator of coverage. */
  readonly distinct: number;
  /** Check bits of every k-gram position, 4 positions per byte. */
  readonly checks: Uint8Array;
}

/** Packs the 2 check bits of every k-gram (from its key, `WinnowBuffers.keys`) four to a byte: a quarter byte per registered character. */
export function packChecks(keys: Int32Array): Uint8Array {
  const packed = new Uint8Array((keys.length + 3) >> 2);
  for (let i = 0; i < keys.length; i++) packed[i >> 2]! |= checkBits(keyHash(keys[i]!)) << ((i & 3) << 1);
  return packed;
}

/**
 * Normalises and winnows a document's text for registration.
 *
 * @example
 * const fp = fingerprintText(text);
 * fp.distinct; // ≈ fp.chars / 31
 */
export function fingerprintText(text: string): DocumentFingerprints {
  const { codes, length } = normaliseCodes(text);
  const npos = Math.max(0, length - K + 1);
  const w: WinnowBuffers = { hashes: new Uint32Array(Math.max(16, npos >> 4)), positions: new Uint32Array(Math.max(16, npos >> 4)), keys: new Int32Array(npos) };
  const count = winnowInto(codes, length, w);
  const seen = new Map<number, number>();
  const keep: number[] = [];
  for (let i = 0; i < count; i++) {
    const h = w.hashes[i]!;
    const n = seen.get(h) ?? 0;
    if (n < MAX_REPEATS) keep.push(i);
    seen.set(h, n + 1);
  }
  const hashes = new Uint32Array(keep.length);
  const positions = new Uint32Array(keep.length);
  keep.forEach((i, j) => {
    hashes[j] = w.hashes[i]!;
    positions[j] = w.positions[i]!;
  });
  return { chars: length, hashes, positions, distinct: seen.size, checks: packChecks(w.keys.subarray(0, npos)) };
}

/** Whether a document is too short to fingerprint at all (shorter than one k-gram). */
export function tooShort(fp: DocumentFingerprints): boolean {
  return fp.chars < K;
}

const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/**
 * Fingerprints and positions as one little-endian blob (8 bytes each), the stored form.
 *
 * @example
 * const blob = encodeFingerprints(fp.hashes, fp.positions);
 */
export function encodeFingerprints(hashes: Uint32Array, positions: Uint32Array): Uint8Array {
  const out = new Uint32Array(hashes.length * 2);
  for (let i = 0; i < hashes.length; i++) {
    out[2 * i] = hashes[i]!;
    out[2 * i + 1] = positions[i]!;
  }
  if (!LITTLE_ENDIAN) swap32(out);
  return new Uint8Array(out.buffer);
}

/**
 * The inverse of `encodeFingerprints`; accepts any byte offset (database drivers hand out pooled buffers).
 *
 * @example
 * const { hashes, positions } = decodeFingerprints(row.fingerprints);
 */
export function decodeFingerprints(blob: Uint8Array): { hashes: Uint32Array; positions: Uint32Array } {
  const n = blob.byteLength >> 3;
  // Drivers hand out Buffers at any offset: view in place when aligned, copy otherwise.
  const words =
    LITTLE_ENDIAN && (blob.byteOffset & 3) === 0 ? new Uint32Array(blob.buffer, blob.byteOffset, n * 2) : new Uint32Array(new Uint8Array(blob.subarray(0, n * 8)).buffer);
  if (!LITTLE_ENDIAN) swap32(words);
  const hashes = new Uint32Array(n);
  const positions = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    hashes[i] = words[2 * i]!;
    positions[i] = words[2 * i + 1]!;
  }
  return { hashes, positions };
}

function swap32(words: Uint32Array): void {
  for (let i = 0; i < words.length; i++) {
    const v = words[i]!;
    words[i] = ((v & 0xff) << 24) | ((v & 0xff00) << 8) | ((v >>> 8) & 0xff00) | (v >>> 24);
  }
}
