import { K, checkBits, keyHash } from './winnow.js';

/**
 * A shared fingerprint only proves one shared k-gram (or a 32-bit collision). Growing it over the check
 * bits of neighbouring k-grams measures the shared run and rejects collisions: a match counts only when at
 * least this many consecutive k-gram positions agree (2 bits each, so a chance agreement is ~2⁻³⁰).
 */
export const MIN_AGREEING_POSITIONS = 15;

/** Check bits of document position `d` from the packed array. */
function docCheck(packed: Uint8Array, d: number): number {
  return (packed[d >> 2]! >> ((d & 3) << 1)) & 3;
}

/** A verified shared run: query k-gram positions [qStart, qEnd] on one diagonal. */
export interface Run {
  readonly qStart: number;
  readonly qEnd: number;
  /** Shared normalised characters: positions + K − 1. */
  readonly chars: number;
}

/**
 * Grows the anchor (query position q = document position d) left and right while check bits agree.
 * `query` holds the query's k-gram keys (`WinnowBuffers.keys`), one per position.
 *
 * @example
 * const run = extendAnchor(queryKeys, docChecks, docPositions, q, d); // undefined for a collision
 */
export function extendAnchor(query: Int32Array, doc: Uint8Array, docPositions: number, q: number, d: number): Run | undefined {
  let left = 0;
  const maxLeft = Math.min(q, d);
  while (left < maxLeft && checkBits(keyHash(query[q - left - 1]!)) === docCheck(doc, d - left - 1)) left++;
  let right = 0;
  const maxRight = Math.min(query.length - 1 - q, docPositions - 1 - d);
  while (right < maxRight && checkBits(keyHash(query[q + right + 1]!)) === docCheck(doc, d + right + 1)) right++;
  const positions = left + right + 1;
  if (positions < MIN_AGREEING_POSITIONS) return undefined;
  return { qStart: q - left, qEnd: q + right, chars: positions + K - 1 };
}

/**
 * Whether `extendAnchor` would verify the anchor, read from check bits packed at byte `at` of `bytes` (many
 * documents' check bits in one array) and the query's first `queryPositions` keys; stops as soon as enough
 * positions agree. A shared fingerprint of unrelated text (a 32-bit collision: at 100,000 documents about one
 * query fingerprint in ten) fails at the first or second neighbour, so this rejects it without allocating.
 *
 * @example
 * if (agreesAround(keys, npos, checkBytes, checkAt[slot], kgrams[slot], q, d)) anchors.push(slot, d, q, h);
 */
export function agreesAround(query: Int32Array, queryPositions: number, bytes: Uint8Array, at: number, docPositions: number, q: number, d: number): boolean {
  const need = MIN_AGREEING_POSITIONS - 1;
  let left = 0;
  const maxLeft = Math.min(q, d, need);
  while (left < maxLeft) {
    const dp = d - left - 1;
    if (checkBits(keyHash(query[q - left - 1]!)) !== ((bytes[at + (dp >> 2)]! >> ((dp & 3) << 1)) & 3)) break;
    left++;
  }
  let right = 0;
  const maxRight = Math.min(queryPositions - 1 - q, docPositions - 1 - d, need - left);
  while (right < maxRight) {
    const dp = d + right + 1;
    if (checkBits(keyHash(query[q + right + 1]!)) !== ((bytes[at + (dp >> 2)]! >> ((dp & 3) << 1)) & 3)) break;
    right++;
  }
  return left + right + 1 >= MIN_AGREEING_POSITIONS;
}

/** Characters covered by the union of runs (query coordinates). */
export function unionChars(runs: readonly Run[]): number {
  const sorted = [...runs].sort((a, b) => a.qStart - b.qStart);
  let total = 0;
  let start = -1;
  let end = -1; // exclusive, in characters
  for (const r of sorted) {
    const s = r.qStart;
    const e = r.qEnd + K;
    if (s > end) {
      total += end - start;
      start = s;
      end = e;
    } else if (e > end) end = e;
  }
  return total + end - start;
}
