import { radixSort } from './radix-sort.js';

/**
 * The sorted part of the index: fingerprint hashes sorted, with the document slot and position of each,
 * a directory over the leading bits of the hashes so a probe costs one or two cache misses instead of a 25-step binary
 * search, and a one-bit filter that turns most probes for absent hashes away after one read. About 12
 * bytes per fingerprint plus ≤ 1 byte of directory and ≤ 2 bytes of filter.
 */
export interface Segment {
  readonly hashes: Uint32Array;
  readonly slots: Uint32Array;
  readonly positions: Uint32Array;
  /** Bucket b = min(hash >>> shift, dir.length − 2) holds entries dir[b] to dir[b + 1]. */
  readonly dir: Uint32Array;
  /** 32 only in the empty segment. */
  readonly shift: number;
  /** One bit per value of the top bits of `FILTER_MIX · hash`, set when some fingerprint has it: most probes of unrelated text stop here. */
  readonly filter: Uint32Array;
  readonly filterShift: number;
}

/**
 * The filter is indexed by the top bits of the hash times this odd constant, not of the hash itself:
 * fingerprints are window minima, so their own top bits are mostly zero (two thirds of them lie in the
 * lowest 1/61 of the range) and a filter over them let about 80% of absent hashes through instead of 10%.
 */
const FILTER_MIX = 0xcc9e2d51 | 0;

export const EMPTY_SEGMENT: Segment = Object.freeze({
  hashes: new Uint32Array(0),
  slots: new Uint32Array(0),
  positions: new Uint32Array(0),
  dir: new Uint32Array(2),
  shift: 32,
  filter: new Uint32Array(1),
  filterShift: 31,
});

/**
 * Sorts the columns (in place) and builds the directory.
 *
 * @example
 * const seg = buildSegment(hashes, slots, positions);
 */
export function buildSegment(hashes: Uint32Array, slots: Uint32Array, positions: Uint32Array): Segment {
  if (hashes.length === 0) return EMPTY_SEGMENT;
  const sorted = radixSort({ keys: hashes, a: slots, b: positions });
  return sortedSegment(sorted.keys, sorted.a, sorted.b);
}

/**
 * A segment over columns already sorted by hash (a snapshot read back): builds only the directory and filter.
 *
 * @example
 * const seg = sortedSegment(hashes, slots, positions);
 */
export function sortedSegment(keys: Uint32Array, slots: Uint32Array, positions: Uint32Array): Segment {
  const n = keys.length;
  if (n === 0) return EMPTY_SEGMENT;
  const bits = Math.max(1, Math.min(26, Math.floor(Math.log2(n)) - 2));
  // The directory spans the range holding 99% of the hashes, not all 32 bits: fingerprints are window
  // minima, crowded at the low end, so buckets over the whole range would hold up to 61× the average there.
  // The hashes above the range share the last bucket (binary search within it).
  const span = Math.max(bits, 32 - Math.clz32(keys[Math.floor(n * 0.99)]!));
  const shift = span - bits;
  const last = (1 << bits) - 1;
  const dir = new Uint32Array((1 << bits) + 1);
  // 8–16 bits per fingerprint: a probe for an absent hash passes the filter about 1 time in 8 to 16.
  const filterBits = Math.min(31, Math.max(5, Math.ceil(Math.log2(n)) + 3));
  const filterShift = 32 - filterBits;
  const filter = new Uint32Array(1 << (filterBits - 5));
  for (let i = 0; i < n; i++) {
    const key = keys[i]!;
    dir[Math.min(key >>> shift, last) + 1]!++;
    const b = Math.imul(key, FILTER_MIX) >>> filterShift;
    filter[b >>> 5]! |= 1 << (b & 31);
  }
  for (let i = 1; i < dir.length; i++) dir[i]! += dir[i - 1]!;
  return { hashes: keys, slots, positions, dir, shift, filter, filterShift };
}

/**
 * First index of `hash` in the segment, or -1.
 *
 * @example
 * for (let i = findFirst(seg, h); i >= 0 && i < seg.hashes.length && seg.hashes[i] === h; i++) use(seg.slots[i]);
 */
export function findFirst(seg: Segment, hash: number): number {
  if (seg.shift >= 32) return -1;
  const f = Math.imul(hash, FILTER_MIX) >>> seg.filterShift;
  if ((seg.filter[f >>> 5]! & (1 << (f & 31))) === 0) return -1;
  return search(seg, hash);
}

/**
 * Which of `hashes[0..count)` may be in the segment: their indices, written to `out` (at least `count` long);
 * returns how many. The filter reads of one batch do not depend on each other, so the processor overlaps
 * their cache misses — probing one hash at a time waits for each miss in turn (a 22 M-fingerprint filter is
 * 32 MB).
 *
 * @example
 * const m = passFilter(seg, q, q.length, out); // then search(seg, q[out[i]]) for i < m
 */
export function passFilter(seg: Segment, hashes: Uint32Array, count: number, out: Int32Array): number {
  if (seg.shift >= 32) return 0;
  const filter = seg.filter;
  const shift = seg.filterShift;
  let m = 0;
  for (let i = 0; i < count; i++) {
    const f = Math.imul(hashes[i]!, FILTER_MIX) >>> shift;
    // Written either way, kept when the bit is set: most are not, and the branch would mispredict.
    out[m] = i;
    m += (filter[f >>> 5]! >>> (f & 31)) & 1;
  }
  return m;
}

/**
 * First index of `hash` in the segment, or -1, without asking the filter (`passFilter` did).
 *
 * @example
 * const first = search(seg, h);
 */
export function search(seg: Segment, hash: number): number {
  if (seg.shift >= 32) return -1;
  const b = Math.min(hash >>> seg.shift, seg.dir.length - 2);
  return within(seg, hash, b, seg.dir[b]!, seg.dir[b + 1]!);
}

/** Where `searchMany` leaves what it read ahead, so the reads are not optimised away. */
let _searchSink = 0;

/**
 * `search` for many hashes: `first[c]` = first index of `hashes[which[c]]` or -1, for c < m (`first` at least m
 * long). The directory reads of all hashes come first, in a loop of their own, then the searches: a
 * directory and hash column of a large index are out of cache, and reads that do not depend on each other
 * overlap their misses, where one probe after another waits for each miss in turn.
 *
 * @example
 * const m = passFilter(seg, q, q.length, which);
 * searchMany(seg, q, which, m, first); // first[c] ≥ 0: q[which[c]] is in the segment
 */
export function searchMany(seg: Segment, hashes: Uint32Array, which: Int32Array, m: number, first: Int32Array): void {
  if (seg.shift >= 32) {
    first.fill(-1, 0, m);
    return;
  }
  const dir = seg.dir;
  const shift = seg.shift;
  const last = dir.length - 2;
  // The bucket's end for now; its start is read again in the next loops (the line is cached by then).
  for (let c = 0; c < m; c++) first[c] = dir[Math.min(hashes[which[c]!]! >>> shift, last) + 1]!;
  // The line of the hash column where each search will start, read ahead the same way.
  const hs = seg.hashes;
  const width = 2 ** shift;
  let sink = 0;
  for (let c = 0; c < m; c++) {
    const h = hashes[which[c]!]!;
    const b = Math.min(h >>> shift, last);
    const lo = dir[b]!;
    sink += hs[Math.min(hs.length - 1, lo + Math.floor(((h - b * width) * (first[c]! - lo)) / width))]!;
  }
  _searchSink = sink;
  for (let c = 0; c < m; c++) {
    const h = hashes[which[c]!]!;
    const b = Math.min(h >>> shift, last);
    first[c] = within(seg, h, b, dir[b]!, first[c]!);
  }
}

/**
 * First index of `hash` in entries [lo, hi) of bucket `b`, or -1. Hashes spread evenly over a bucket's range, so
 * the search starts where the hash would sit and widens from there, doubling its steps, until it brackets
 * the hash; then it halves. A lookup touches the line or two of the column around the guess instead of a
 * binary search's several lines (each a cache miss in a large index), and a bucket of many equal hashes
 * still costs only logarithmic steps. The last bucket holds the top 1% of the range, unevenly: it is halved from the start.
 */
function within(seg: Segment, hash: number, b: number, lo: number, hi: number): number {
  const hs = seg.hashes;
  let a = lo;
  let z = hi;
  if (b < seg.dir.length - 2 && hi - lo > 2) {
    const base = b * 2 ** seg.shift;
    const guess = lo + Math.floor(((hash - base) * (hi - lo)) / 2 ** seg.shift);
    let step = 1;
    if (hs[guess]! < hash) {
      // The first entry ≥ hash lies after guess: widen to the right.
      a = guess + 1;
      while (a < hi && hs[Math.min(hi, a + step) - 1]! < hash) {
        a = Math.min(hi, a + step);
        step *= 2;
      }
      z = Math.min(hi, a + step);
    } else {
      // At guess or before: widen to the left.
      z = guess;
      while (z > lo && hs[Math.max(lo, z - step)]! >= hash) {
        z = Math.max(lo, z - step);
        step *= 2;
      }
      a = Math.max(lo, z - step);
    }
  }
  // The first entry ≥ hash is in [a, z] (z = hi: none in the bucket).
  while (a < z) {
    const mid = (a + z) >>> 1;
    if (hs[mid]! < hash) a = mid + 1;
    else z = mid;
  }
  return a < hi && hs[a] === hash ? a : -1;
}

/** Bytes the segment holds. */
export function segmentBytes(seg: Segment): number {
  return seg.hashes.byteLength + seg.slots.byteLength + seg.positions.byteLength + seg.dir.byteLength + seg.filter.byteLength;
}
