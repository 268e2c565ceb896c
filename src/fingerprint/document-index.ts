import type { DocMatch, LabelId, TextPart } from '../core/index.js';
import type { DocumentFingerprints } from './document.js';
import { agreesAround, extendAnchor, unionChars, type Run } from './extend.js';
import { normaliseInto } from './normalise.js';
import { MamoriError } from '../core/index.js';
import { EMPTY_SEGMENT, buildSegment, passFilter, searchMany, segmentBytes, sortedSegment, type Segment } from './segment.js';
import { K, winnowInto, type WinnowBuffers } from './winnow.js';

/** A registered document as the index receives it. */
export interface IndexedDocument {
  readonly docId: string;
  readonly path: string;
  readonly label: LabelId;
  readonly fingerprints: DocumentFingerprints;
}

export interface DocumentIndexOptions {
  /** A fingerprint in at least this many documents is boilerplate and never evidence. */
  readonly boilerplateDocs: number;
  /** Fingerprints of the allow-corpus: never evidence either. */
  readonly allowHashes?: Iterable<number>;
}

/** A document in the index: what a snapshot stores of it, plus what is derived or changes while running. */
interface Slot extends Omit<SnapshotDocument, 'checks'> {
  readonly kgrams: number;
  checks: Uint8Array;
  alive: boolean;
  boilerplate: number;
}

/** Texts longer than this (UTF-16 units) are looked up in chunks overlapping by OVERLAP. */
const CHUNK = 1 << 22;
const OVERLAP = 1 << 12;

interface Columns {
  hashes: Uint32Array<ArrayBuffer>;
  slots: Uint32Array<ArrayBuffer>;
  positions: Uint32Array<ArrayBuffer>;
  n: number;
}

/**
 * Working arrays of lookups, reused from text to text so a lookup allocates (almost) nothing: per-text
 * typed arrays made the garbage collector a large share of lookup time. Lookups are synchronous, so one set
 * serves every index in the process.
 */
const work = {
  codes: new Uint16Array(0),
  winnow: { hashes: new Uint32Array(16), positions: new Uint32Array(16), keys: new Int32Array(0) } as WinnowBuffers,
  candidates: new Int32Array(0),
  /** First index in the main segment of each candidate's hash, or -1. */
  first: new Int32Array(0),
};
/** Working arrays grown past this many characters are let go after the lookup instead of kept (≈ 6 bytes each). */
const KEEP_WORK = 1 << 20;

function releaseLargeWork(): void {
  if (work.codes.length > KEEP_WORK) work.codes = new Uint16Array(0);
  if (work.winnow.keys.length > KEEP_WORK) work.winnow = { hashes: new Uint32Array(16), positions: new Uint32Array(16), keys: new Int32Array(0) };
  if (work.candidates.length > KEEP_WORK >> 4) work.candidates = new Int32Array(0);
  if (work.first.length > KEEP_WORK >> 4) work.first = new Int32Array(0);
}

/** Where `warmEntries` leaves what it read, so the reads are not optimised away. */
let _warmSink = 0;

/**
 * Reads, for each found candidate's first entry, its slot and position, then the slot's check-bit offset, then
 * the check-bit byte at the position: three loops whose reads do not depend on each other within a loop, so
 * the processor overlaps their cache misses (the columns, offsets and check bits of a large index are out of
 * cache). The loop that follows finds them cached instead of waiting for each miss in turn, about a
 * microsecond per hash collision.
 */
function warmEntries(seg: Segment, firsts: Int32Array, m: number, checkAt: Float64Array, checkBytes: Uint8Array): void {
  const { slots, positions } = seg;
  let sink = 0;
  for (let c = 0; c < m; c++) {
    const i = firsts[c]!;
    if (i >= 0) sink += slots[i]! ^ positions[i]!;
  }
  for (let c = 0; c < m; c++) {
    const i = firsts[c]!;
    if (i >= 0) sink += checkAt[slots[i]!]!;
  }
  for (let c = 0; c < m; c++) {
    const i = firsts[c]!;
    if (i < 0) continue;
    const at = checkAt[slots[i]!]!;
    if (at >= 0) sink += checkBytes[at + (positions[i]! >> 2)]!;
  }
  _warmSink = sink;
}

const emptyColumns = (): Columns => ({ hashes: new Uint32Array(0), slots: new Uint32Array(0), positions: new Uint32Array(0), n: 0 });

interface Acc {
  readonly seen: Set<number>;
  readonly parts: Set<string>;
  matchedChars: number;
  longest: number;
}

/** One document of an index snapshot: slot `i` of the columns is `documents[i]`. */
export interface SnapshotDocument {
  readonly docId: string;
  readonly path: string;
  readonly label: LabelId;
  readonly distinct: number;
  /** Normalised characters. */
  readonly chars: number;
  /** Entries of this document in the columns. */
  readonly entries: number;
  /** Packed check bits, ⌈(chars − K + 1) / 4⌉ bytes. */
  readonly checks: Uint8Array;
}

/** The sorted columns and the document table of an index: what a snapshot file holds. */
export interface IndexSnapshot {
  /** Sorted ascending. */
  readonly hashes: Uint32Array;
  /** Index into `documents`. */
  readonly slots: Uint32Array;
  /** K-gram position in the document, below its chars − K + 1. */
  readonly positions: Uint32Array;
  readonly documents: readonly SnapshotDocument[];
}

/** Size of the index for `mamori docs` and the benchmarks. */
export interface IndexStats {
  readonly documents: number;
  readonly fingerprints: number;
  readonly chars: number;
  /** Bytes of typed arrays held (fingerprint columns, directory, check bits). */
  readonly bytes: number;
}

/**
 * The in-memory document index: a sorted segment of every registered fingerprint plus a small unsorted
 * delta for documents added since, and tombstones for removed ones; both are folded into a fresh segment
 * once they grow past an eighth (a quarter) of it. Lookups never touch the database.
 *
 * @example
 * const index = new DocumentIndex({ boilerplateDocs: 20 });
 * index.add({ docId: 'doc_1', path: '/share/予算.docx', label: 'c2', fingerprints: fingerprintText(text) });
 * index.lookup([{ path: 'upload', kind: 'body', mediaType: 'text/plain', text: excerpt }]);
 */
export class DocumentIndex {
  readonly #boilerplateDocs: number;
  readonly #allow: Set<number>;
  #slots: Slot[] = [];
  #byId = new Map<string, number>();
  // Check bits are views into a snapshot's buffer: the first compaction copies them out so the buffer can go.
  #snapshotBacked = false;
  #main: Segment = EMPTY_SEGMENT;
  // The check bits of the main segment's documents as one byte array: slot s's start at #checkAt[s] (-1 once
  // removed), #checkPositions[s] k-grams long. Rejecting a hash collision reads one byte here, not three objects.
  #checkBytes: Uint8Array = new Uint8Array(0);
  #checkAt = new Float64Array(0);
  #checkPositions = new Uint32Array(0);
  #dead = 0;
  #delta = new Map<number, number[]>();
  #deltaEntries = 0;
  // Bulk loading appends to flat columns instead of the delta map: start-up adds millions of fingerprints.
  #bulk: Columns = emptyColumns();
  #chars = 0;

  constructor(options: DocumentIndexOptions) {
    this.#boilerplateDocs = options.boilerplateDocs;
    this.#allow = new Set(options.allowHashes ?? []);
  }

  /**
   * Builds the index from many documents at once (start-up): one sort instead of many merges.
   *
   * @example
   * const index = DocumentIndex.build(await loadAll(), { boilerplateDocs: 20 });
   */
  static build(docs: Iterable<IndexedDocument>, options: DocumentIndexOptions): DocumentIndex {
    const index = new DocumentIndex(options);
    for (const doc of docs) index.add(doc, true);
    index.compact();
    return index;
  }

  /**
   * Adds a document, replacing any earlier one with the same id. `bulk` defers all sorting to the next
   * `compact()` (or lookup): for loading many documents at once.
   */
  add(doc: IndexedDocument, bulk = false): void {
    this.remove(doc.docId);
    const fp = doc.fingerprints;
    const slot = this.#slots.length;
    this.#slots.push({
      docId: doc.docId,
      path: doc.path,
      label: doc.label,
      distinct: fp.distinct,
      chars: fp.chars,
      kgrams: Math.max(0, fp.chars - K + 1),
      checks: fp.checks,
      entries: fp.hashes.length,
      alive: true,
      boilerplate: 0,
    });
    this.#byId.set(doc.docId, slot);
    this.#chars += fp.chars;
    if (bulk) {
      this.#appendBulk(slot, fp.hashes, fp.positions);
      return;
    }
    for (let i = 0; i < fp.hashes.length; i++) {
      const h = fp.hashes[i]!;
      let list = this.#delta.get(h);
      if (!list) this.#delta.set(h, (list = []));
      list.push(slot, fp.positions[i]!);
    }
    this.#deltaEntries += fp.hashes.length;
    if (this.#deltaEntries > Math.max(1 << 16, this.#main.hashes.length >> 3)) this.compact();
  }

  /**
   * Sizes the bulk columns for `entries` more fingerprints up front: start-up knows the total from the store,
   * and growing by doubling would copy hundreds of megabytes several times.
   */
  reserve(entries: number): void {
    const b = this.#bulk;
    if (b.hashes.length >= b.n + entries) return;
    const grow = (a: Uint32Array): Uint32Array<ArrayBuffer> => {
      const g = new Uint32Array(b.n + entries);
      g.set(a.subarray(0, b.n));
      return g;
    };
    this.#bulk = { hashes: grow(b.hashes), slots: grow(b.slots), positions: grow(b.positions), n: b.n };
  }

  #appendBulk(slot: number, hashes: Uint32Array, positions: Uint32Array): void {
    const b = this.#bulk;
    const need = b.n + hashes.length;
    if (need > b.hashes.length) {
      const cap = Math.max(need, b.hashes.length * 2, 1024);
      const grow = (a: Uint32Array): Uint32Array<ArrayBuffer> => {
        const g = new Uint32Array(cap);
        g.set(a.subarray(0, b.n));
        return g;
      };
      this.#bulk = b.hashes.length === 0 ? { hashes: new Uint32Array(cap), slots: new Uint32Array(cap), positions: new Uint32Array(cap), n: b.n } : { hashes: grow(b.hashes), slots: grow(b.slots), positions: grow(b.positions), n: b.n };
    }
    const t = this.#bulk;
    t.hashes.set(hashes, t.n);
    t.positions.set(positions, t.n);
    t.slots.fill(slot, t.n, t.n + hashes.length);
    t.n += hashes.length;
  }

  /** Removes a document; false when it was not in the index. */
  remove(docId: string): boolean {
    const slot = this.#byId.get(docId);
    if (slot === undefined) return false;
    const s = this.#slots[slot]!;
    s.alive = false;
    s.checks = new Uint8Array(0);
    if (slot < this.#checkAt.length) this.#checkAt[slot] = -1;
    this.#byId.delete(docId);
    this.#dead += s.entries;
    this.#chars -= s.chars;
    if (this.#dead > Math.max(1 << 16, this.#main.hashes.length >> 2)) this.compact();
    return true;
  }

  has(docId: string): boolean {
    return this.#byId.has(docId);
  }

  /**
   * Folds the delta and tombstones into a fresh sorted segment, renumbers the documents densely (removed
   * ones leave no slot behind) and recounts boilerplate per document.
   */
  compact(): void {
    const main = this.#main;
    const bulk = this.#bulk;
    const remap = new Int32Array(this.#slots.length).fill(-1);
    const live: Slot[] = [];
    this.#slots.forEach((s, i) => {
      if (!s.alive) return;
      remap[i] = live.length;
      live.push(s);
    });
    let n = this.#deltaEntries;
    for (let i = 0; i < main.hashes.length; i++) if (remap[main.slots[i]!]! >= 0) n++;
    for (let i = 0; i < bulk.n; i++) if (remap[bulk.slots[i]!]! >= 0) n++;
    const hashes = new Uint32Array(n);
    const slots = new Uint32Array(n);
    const positions = new Uint32Array(n);
    let j = 0;
    for (let i = 0; i < main.hashes.length; i++) {
      const to = remap[main.slots[i]!]!;
      if (to < 0) continue;
      hashes[j] = main.hashes[i]!;
      slots[j] = to;
      positions[j++] = main.positions[i]!;
    }
    for (let i = 0; i < bulk.n; i++) {
      const to = remap[bulk.slots[i]!]!;
      if (to < 0) continue;
      hashes[j] = bulk.hashes[i]!;
      slots[j] = to;
      positions[j++] = bulk.positions[i]!;
    }
    // Delta entries in slot order keep each document's entries of one hash adjacent after the stable sort.
    const byDoc: number[][] = [];
    for (const [h, list] of this.#delta) {
      for (let i = 0; i < list.length; i += 2) (byDoc[list[i]!] ??= []).push(h, list[i + 1]!);
    }
    byDoc.forEach((list, slot) => {
      const to = remap[slot]!;
      if (to < 0) return;
      for (let i = 0; i < list.length; i += 2) {
        hashes[j] = list[i]!;
        slots[j] = to;
        positions[j++] = list[i + 1]!;
      }
    });
    this.#slots = live;
    this.#byId = new Map(live.map((s, i) => [s.docId, i]));
    if (this.#snapshotBacked) {
      // One contiguous copy instead of views that would keep the whole snapshot buffer alive.
      const copy = new Uint8Array(live.reduce((t, s) => t + s.checks.byteLength, 0));
      let at = 0;
      for (const s of live) {
        copy.set(s.checks, at);
        s.checks = copy.subarray(at, (at += s.checks.byteLength));
      }
      this.#snapshotBacked = false;
    }
    this.#main = buildSegment(hashes.subarray(0, j), slots.subarray(0, j), positions.subarray(0, j));
    this.#indexChecks();
    this.#delta = new Map();
    this.#deltaEntries = 0;
    this.#bulk = emptyColumns();
    this.#dead = 0;
    this.#countBoilerplate();
  }

  /**
   * The index as sorted columns and a document table (compacting first when anything is pending), for
   * writing a snapshot. The arrays are the index's own: write them out before the next change.
   *
   * @example
   * const snap = index.snapshot(); // snap.documents[snap.slots[i]] holds fingerprint snap.hashes[i]
   */
  snapshot(): IndexSnapshot {
    if (this.#bulk.n > 0 || this.#deltaEntries > 0 || this.#dead > 0 || this.#byId.size !== this.#slots.length) this.compact();
    const { hashes, slots, positions } = this.#main;
    const documents = this.#slots.map((s) => ({ docId: s.docId, path: s.path, label: s.label, distinct: s.distinct, chars: s.chars, entries: s.entries, checks: s.checks }));
    return { hashes, slots, positions, documents };
  }

  /**
   * An index over a snapshot's columns without sorting (start-up from a snapshot file). Checks every entry
   * (sorted hashes, slot and position in range, per-document counts) and throws ERR_INPUT on the first
   * inconsistency, so a damaged snapshot can never answer wrongly or crash a lookup.
   *
   * @example
   * const index = DocumentIndex.fromSnapshot(decodeIndexSnapshot(bytes).snapshot, { boilerplateDocs: 20 });
   */
  static fromSnapshot(snap: IndexSnapshot, options: DocumentIndexOptions): DocumentIndex {
    const bad = (why: string): never => {
      throw new MamoriError('ERR_INPUT', `index snapshot is inconsistent: ${why}`);
    };
    const { hashes, slots, positions, documents } = snap;
    const n = hashes.length;
    if (slots.length !== n || positions.length !== n) bad('column lengths differ');
    const index = new DocumentIndex(options);
    const kgrams = new Uint32Array(documents.length);
    const entries = new Uint32Array(documents.length);
    documents.forEach((d, i) => {
      const k = Math.max(0, d.chars - K + 1);
      if (!Number.isSafeInteger(d.chars) || d.chars < 0 || !Number.isSafeInteger(d.distinct) || d.distinct < 0) bad(`document ${i} has bad counts`);
      if (d.checks.byteLength !== (k + 3) >> 2) bad(`document ${i} has ${d.checks.byteLength} bytes of check bits for ${k} k-grams`);
      if (index.#byId.has(d.docId)) bad(`document ${d.docId} appears twice`);
      kgrams[i] = k;
      index.#byId.set(d.docId, i);
      index.#slots.push({ docId: d.docId, path: d.path, label: d.label, distinct: d.distinct, chars: d.chars, kgrams: k, checks: d.checks, entries: d.entries, alive: true, boilerplate: 0 });
      index.#chars += d.chars;
    });
    let previous = 0;
    for (let i = 0; i < n; i++) {
      const h = hashes[i]!;
      const slot = slots[i]!;
      if (h < previous) bad(`hashes not sorted at entry ${i}`);
      if (slot >= documents.length) bad(`entry ${i} names document ${slot} of ${documents.length}`);
      if (positions[i]! >= kgrams[slot]!) bad(`entry ${i} lies outside its document`);
      previous = h;
      entries[slot]!++;
    }
    documents.forEach((d, i) => {
      if (entries[i] !== d.entries) bad(`document ${i} has ${entries[i]} entries, not ${d.entries}`);
    });
    index.#main = sortedSegment(hashes, slots, positions);
    index.#snapshotBacked = true;
    index.#indexChecks();
    index.#countBoilerplate();
    return index;
  }

  /**
   * Lays the documents' check bits out in one byte array with an offset per slot (all slots are alive here):
   * views into one buffer already (a snapshot's, or the copy of the last compaction) are used in place,
   * otherwise they are copied into one and the slots' views pointed at it.
   */
  #indexChecks(): void {
    const slots = this.#slots;
    let buffer: ArrayBufferLike | undefined;
    let shared = true;
    for (const s of slots) {
      if (s.checks.byteLength === 0) continue;
      buffer ??= s.checks.buffer;
      if (s.checks.buffer !== buffer) {
        shared = false;
        break;
      }
    }
    if (!shared) {
      const copy = new Uint8Array(slots.reduce((t, s) => t + s.checks.byteLength, 0));
      let at = 0;
      for (const s of slots) {
        copy.set(s.checks, at);
        s.checks = copy.subarray(at, (at += s.checks.byteLength));
      }
      buffer = copy.buffer;
    }
    this.#checkBytes = buffer === undefined ? new Uint8Array(0) : new Uint8Array(buffer);
    this.#checkAt = new Float64Array(slots.length);
    this.#checkPositions = new Uint32Array(slots.length);
    slots.forEach((s, i) => {
      this.#checkAt[i] = s.checks.byteLength === 0 ? 0 : s.checks.byteOffset;
      this.#checkPositions[i] = s.kgrams;
    });
  }

  #countBoilerplate(): void {
    for (const s of this.#slots) s.boilerplate = 0;
    const { hashes, slots } = this.#main;
    const n = hashes.length;
    const threshold = this.#boilerplateDocs;
    for (let i = 0; i < n; ) {
      const h = hashes[i]!;
      let end = i + 1;
      if (end === n || hashes[end] !== h) {
        // Almost every hash is in one document only.
        if (threshold <= 1) this.#slots[slots[i]!]!.boilerplate++;
        i = end;
        continue;
      }
      let docs = 1;
      while (end < n && hashes[end] === h) {
        if (slots[end] !== slots[end - 1]) docs++;
        end++;
      }
      if (docs >= threshold) {
        for (let k = i; k < end; k++) if (k === i || slots[k] !== slots[k - 1]) this.#slots[slots[k]!]!.boilerplate++;
      }
      i = end;
    }
  }

  /**
   * Registered documents found in the parts. One pass over each part's text; then only the fingerprints
   * it shares with registered documents are looked at.
   *
   * @example
   * const matches = index.lookup(extraction.parts); // [{ docId, path, label, coverage, matchedChars, longestRunChars, parts }]
   */
  lookup(parts: readonly TextPart[]): DocMatch[] {
    if (this.#bulk.n > 0 || this.#deltaEntries > Math.max(1 << 16, this.#main.hashes.length >> 3)) this.compact();
    // No fingerprint to share: nothing can match, so the text need not be normalised and winnowed.
    if (this.#main.hashes.length === 0 && this.#deltaEntries === 0) return [];
    const accs = new Map<number, Acc>();
    for (const part of parts) {
      const text = part.text;
      if (text.length <= CHUNK) {
        this.#lookupText(text, 0, text.length, part.path, 0, accs);
        continue;
      }
      // Long texts go in overlapping chunks so working memory stays bounded (≈ 6 bytes per chunk character).
      for (let start = 0; start < text.length; start += CHUNK - OVERLAP) {
        const overlap = start === 0 ? 0 : normaliseInto(text, start, Math.min(text.length, start + OVERLAP), work.codes).length;
        this.#lookupText(text, start, Math.min(text.length, start + CHUNK), part.path, overlap, accs);
        if (start + CHUNK >= text.length) break;
      }
    }
    releaseLargeWork();
    const matches: DocMatch[] = [];
    for (const [slot, acc] of accs) {
      const s = this.#slots[slot]!;
      const denominator = Math.max(1, s.distinct - s.boilerplate);
      matches.push({
        docId: s.docId,
        path: s.path,
        label: s.label,
        coverage: Math.min(1, acc.seen.size / denominator),
        matchedChars: acc.matchedChars,
        longestRunChars: acc.longest,
        parts: [...acc.parts],
      });
    }
    return matches.sort((a, b) => b.longestRunChars - a.longestRunChars || b.coverage - a.coverage);
  }

  /** Looks text[from, to) up; runs ending inside its first `seen` normalised characters were counted by the previous chunk. */
  #lookupText(text: string, from: number, to: number, path: string, seen: number, accs: Map<number, Acc>): void {
    const norm = normaliseInto(text, from, to, work.codes);
    work.codes = norm.codes;
    const count = winnowInto(norm.codes, norm.length, work.winnow);
    const { hashes: qHashes, positions: qPositions, keys } = work.winnow;
    if (work.candidates.length < count) {
      work.candidates = new Int32Array(count + (count >> 2));
      work.first = new Int32Array(count + (count >> 2));
    }
    const candidates = work.candidates;
    const firsts = work.first;
    // The filter first, over all the text's fingerprints in one loop; the delta has no filter, so with a delta
    // every fingerprint is a candidate.
    let m: number;
    if (this.#deltaEntries > 0) {
      for (let f = 0; f < count; f++) candidates[f] = f;
      m = count;
    } else m = passFilter(this.#main, qHashes, count, candidates);
    searchMany(this.#main, qHashes, candidates, m, firsts);
    const { hashes, slots, positions } = this.#main;
    const checkBytes = this.#checkBytes;
    const checkAt = this.#checkAt;
    const checkPositions = this.#checkPositions;
    const npos = Math.max(0, norm.length - K + 1);
    warmEntries(this.#main, firsts, m, checkAt, checkBytes);
    const anchors: number[] = []; // slot, doc position, query position, hash
    for (let c = 0; c < m; c++) {
      const f = candidates[c]!;
      const h = qHashes[f]!;
      if (this.#allow.size > 0 && this.#allow.has(h)) continue;
      const first = firsts[c]!;
      const delta = this.#deltaEntries > 0 ? this.#delta.get(h) : undefined;
      if (first < 0 && !delta) continue;
      const before = anchors.length;
      let docs = 0;
      let last = -1;
      if (first >= 0) {
        const q = qPositions[f]!;
        for (let i = first; i < hashes.length && hashes[i] === h; i++) {
          const slot = slots[i]!;
          const at = checkAt[slot]!;
          if (at < 0) continue; // removed
          if (slot !== last) docs++;
          last = slot;
          // Anchors whose check bits disagree at once (hash collisions, mostly) would fail in #verify: dropped here.
          const d = positions[i]!;
          if (agreesAround(keys, npos, checkBytes, at, checkPositions[slot]!, q, d)) anchors.push(slot, d, q, h);
        }
      }
      if (delta) {
        for (let i = 0; i < delta.length; i += 2) {
          const slot = delta[i]!;
          if (!this.#slots[slot]!.alive) continue;
          if (slot !== last) docs++;
          last = slot;
          anchors.push(slot, delta[i + 1]!, qPositions[f]!, h);
        }
      }
      if (docs >= this.#boilerplateDocs) anchors.length = before;
    }
    if (anchors.length === 0) return;
    this.#verify(anchors, keys.subarray(0, Math.max(0, norm.length - K + 1)), path, seen, accs);
  }

  #verify(anchors: number[], keys: Int32Array, path: string, seen: number, accs: Map<number, Acc>): void {
    const runsBySlot = new Map<number, { runs: Run[]; ends: Map<number, number> }>();
    for (let a = 0; a < anchors.length; a += 4) {
      const slot = anchors[a]!;
      const d = anchors[a + 1]!;
      const qpos = anchors[a + 2]!;
      const s = this.#slots[slot]!;
      let state = runsBySlot.get(slot);
      if (!state) runsBySlot.set(slot, (state = { runs: [], ends: new Map() }));
      const diagonal = qpos - d;
      const end = state.ends.get(diagonal);
      let verified = end !== undefined && qpos <= end;
      if (!verified) {
        const run = extendAnchor(keys, s.checks, s.kgrams, qpos, d);
        if (run) {
          state.runs.push(run);
          state.ends.set(diagonal, run.qEnd);
          verified = true;
        }
      }
      if (!verified) continue;
      let acc = accs.get(slot);
      if (!acc) accs.set(slot, (acc = { seen: new Set(), parts: new Set(), matchedChars: 0, longest: 0 }));
      acc.seen.add(anchors[a + 3]!);
      acc.parts.add(path);
    }
    for (const [slot, state] of runsBySlot) {
      const acc = accs.get(slot);
      if (!acc) continue;
      acc.matchedChars += unionChars(state.runs.filter((r) => r.qEnd + K > seen));
      for (const r of state.runs) acc.longest = Math.max(acc.longest, r.chars);
    }
  }

  /** Documents held. */
  get size(): number {
    return this.#byId.size;
  }

  /** Documents, fingerprints, characters and bytes held. */
  stats(): IndexStats {
    let bytes = segmentBytes(this.#main) + this.#deltaEntries * 8 + this.#bulk.hashes.byteLength * 3 + this.#checkAt.byteLength + this.#checkPositions.byteLength;
    for (const s of this.#slots) if (s.alive) bytes += s.checks.byteLength;
    return { documents: this.#byId.size, fingerprints: this.#main.hashes.length - this.#dead + this.#deltaEntries + this.#bulk.n, chars: this.#chars, bytes };
  }
}
