import { FOLD_COMBINE, FOLD_DROP, FOLD_MARKUP, FOLD_MULTI, FOLD_SURROGATE, FOLD_UNSET, foldCodePoint, isCombining } from './fold.js';

/** Normalised text as code units, with (optionally) where each one came from in the original. */
export interface NormalisedCodes {
  /** Normalised UTF-16 code units; only the first `length` are valid. */
  readonly codes: Uint16Array<ArrayBuffer>;
  readonly length: number;
  /** `map[i]` is the original string index of normalised unit `i`; present when asked for. */
  readonly map: Int32Array | undefined;
}

/** Normalised text and the map from its indices back to the original's. */
export interface Normalised {
  readonly norm: string;
  /** `map[i]` = index in the original text of `norm[i]`; `map[norm.length]` = original length. */
  readonly map: Int32Array;
}

// One slot per BMP code unit: FOLD_* marker or the replacement unit. Filled lazily.
const TABLE = new Int32Array(0x10000).fill(FOLD_UNSET);
const MULTI = new Map<number, string>();
const COMPOSED = new Map<number, number>();
// Module-local copy for the hot loop: reading an imported binding there was measured 8× slower (Node 20).
const DROP = FOLD_DROP;
const RUBY_MAX = 50;
const NOTE_MAX = 100;
/** More than any code point's NFKC expansion (18 units for U+FDFA). */
const SLACK = 32;

// Aozora markup openers, half-width too; `|`/`｜` ruby base markers (and table rules) go; high surrogates
// fold with their pair. ASCII is filled up front so the loop never asks NFKC about it.
for (let c = 0; c < 0x80; c++) fillSlot(c);
for (const c of [0x300a, 0xff3b, 0x5b]) TABLE[c] = FOLD_MARKUP;
for (const c of [0x7c, 0xff5c]) TABLE[c] = FOLD_DROP;
for (let c = 0xd800; c <= 0xdbff; c++) TABLE[c] = FOLD_SURROGATE;

function fillSlot(c: number): number {
  const folded = foldCodePoint(c);
  let v: number;
  if (folded.length === 0) v = FOLD_DROP;
  else if (isCombining(folded)) {
    v = FOLD_COMBINE;
    MULTI.set(c, folded);
  } else if (folded.length === 1) v = folded.charCodeAt(0);
  else {
    v = FOLD_MULTI;
    MULTI.set(c, folded);
  }
  TABLE[c] = v;
  return v;
}

/**
 * Index after the `》` closing a ruby reading opened just before `from`, or -1 (then `《` is ordinary text).
 * A reading is kana (or Latin) only: an opener that would swallow kanji or punctuation is not ruby, so a
 * stray `《` cannot eat into the text after it. Line breaks are allowed: a copy may wrap inside a reading.
 */
function rubyEnd(text: string, from: number, to: number): number {
  const end = Math.min(to, from + RUBY_MAX);
  for (let i = from; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x300b) return i + 1;
    const reading =
      (c >= 0x3041 && c <= 0x30ff) || (c >= 0xff66 && c <= 0xff9f) || (c >= 0x30 && c <= 0x39) || ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a) || (c >= 0xff21 && c <= 0xff5a) || c === 0x20 || c === 0x0a || c === 0x0d || c === 0x3000;
    if (!reading) return -1;
  }
  return -1;
}

/**
 * Index after the `close` ending an editor's note whose opener `[`/`［` is at `from − 1` and followed by
 * `hash` (`#`/`＃`), or -1. Notes are short and never span lines or sentences: an opener left unclosed
 * must not swallow the prose after it.
 */
function noteEnd(text: string, from: number, to: number, hash: number, close: number): number {
  if (from >= to || text.charCodeAt(from) !== hash) return -1;
  const end = Math.min(to, from + 1 + NOTE_MAX);
  for (let i = from + 1; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === close) return i + 1;
    if (c === 0x0a || c === 0x0d || c === 0x3002) return -1;
  }
  return -1;
}

/**
 * Normalises text for fingerprinting into code units: NFKC; lower case; dash, tilde, quote and punctuation
 * variants folded; every whitespace and line break removed (Japanese breaks lines inside words); Aozora
 * ruby readings 《…》, base markers ｜ and editor's notes ［＃…］ dropped (also in half-width form: | and [#…]).
 * One pass of table reads.
 *
 * @example
 * const n = normaliseCodes('ＡＢＣ\nです', true); // codes of 'abcです', map [0, 1, 2, 4, 5]
 */
export function normaliseCodes(text: string, withMap = false): NormalisedCodes {
  return normaliseRange(text, 0, text.length, new Uint16Array(text.length + SLACK), withMap);
}

/**
 * `normaliseCodes` of `text.slice(from, to)` without the slice, written into `into` when it is large enough
 * (a lookup reuses one buffer from text to text); `codes` is `into` or a larger buffer that replaces it.
 *
 * @example
 * const n = normaliseInto(text, 0, text.length, scratch); // scratch = n.codes for the next text
 */
export function normaliseInto(text: string, from: number, to: number, into: Uint16Array<ArrayBuffer>): NormalisedCodes {
  return normaliseRange(text, from, to, into.length >= to - from + SLACK ? into : new Uint16Array(to - from + SLACK + ((to - from) >> 3)), false);
}

/** The normalisation loop over text[from, to), into `out` (at least to − from + SLACK units). */
function normaliseRange(text: string, from: number, to: number, out: Uint16Array<ArrayBuffer>, withMap: boolean): NormalisedCodes {
  let cap = out.length;
  let map = withMap ? new Int32Array(cap) : undefined;
  let n = 0;
  let i = from;
  // Invariant at the top of each pass: cap − n ≥ to − i. The fast runs write at most one unit per unit read,
  // so they need no bounds check; only the rare characters that expand check capacity.
  while (i < to) {
    // Runs of characters folding to one unit or to nothing (ASCII, kana, kanji, whitespace): one table read each.
    if (map === undefined) {
      for (; i < to; i++) {
        const v = TABLE[text.charCodeAt(i)]!;
        if (v < DROP) break;
        // Written either way, kept only when not dropped: spaces in English text would mispredict a branch.
        out[n] = v;
        n += 1 + (v >> 31);
      }
    } else {
      for (; i < to; i++) {
        const v = TABLE[text.charCodeAt(i)]!;
        if (v < DROP) break;
        map[n] = i;
        out[n] = v;
        n += 1 + (v >> 31);
      }
    }
    if (i >= to) break;
    if (cap - n < to - i + SLACK) {
      // No code point folds to more than SLACK units: room for this character and one unit for each after it.
      cap = Math.max(cap * 2, n + to - i + SLACK);
      const grown = new Uint16Array(cap);
      grown.set(out.subarray(0, n));
      out = grown;
      if (map) {
        const m = new Int32Array(cap);
        m.set(map.subarray(0, n));
        map = m;
      }
    }
    const c = text.charCodeAt(i);
    let v = TABLE[c]!;
    if (v === FOLD_UNSET) {
      v = fillSlot(c);
      if (v >= 0) {
        if (map) map[n] = i;
        out[n++] = v;
        i++;
        continue;
      }
      if (v === FOLD_DROP) {
        i++;
        continue;
      }
    }
    if (v === FOLD_MARKUP) {
      const end = c === 0x300a ? rubyEnd(text, i + 1, to) : noteEnd(text, i + 1, to, c === 0x5b ? 0x23 : 0xff03, c === 0x5b ? 0x5d : 0xff3d);
      if (end > 0) {
        i = end;
        continue;
      }
      if (map) map[n] = i;
      out[n++] = c === 0xff3b ? 0x5b : c;
      i++;
      continue;
    }
    let folded: string;
    const at = i;
    if (v === FOLD_SURROGATE) {
      if (i + 1 < to && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
        const cp = ((c - 0xd800) << 10) + (text.charCodeAt(i + 1) - 0xdc00) + 0x10000;
        let f = MULTI.get(-cp);
        if (f === undefined) {
          f = foldCodePoint(cp);
          MULTI.set(-cp, f);
        }
        folded = f;
        i++;
      } else folded = String.fromCharCode(c);
      for (let j = 0; j < folded.length; j++) {
        if (map) map[n] = at;
        out[n++] = folded.charCodeAt(j);
      }
    } else if (v === FOLD_MULTI) {
      folded = MULTI.get(c)!;
      for (let j = 0; j < folded.length; j++) {
        if (map) map[n] = i;
        out[n++] = folded.charCodeAt(j);
      }
    } else if (v === FOLD_COMBINE) {
      const mark = MULTI.get(c)!.charCodeAt(0);
      const composed = n > 0 ? compose(out[n - 1]!, mark) : -1;
      if (composed >= 0) out[n - 1] = composed;
      else {
        if (map) map[n] = i;
        out[n++] = mark;
      }
    }
    i++;
  }
  return { codes: out, length: n, map };
}

function compose(base: number, mark: number): number {
  const key = base * 0x10000 + mark;
  let v = COMPOSED.get(key);
  if (v === undefined) {
    const s = (String.fromCharCode(base) + String.fromCharCode(mark)).normalize('NFC');
    v = s.length === 1 ? s.charCodeAt(0) : -1;
    COMPOSED.set(key, v);
  }
  return v;
}

/**
 * The normalised text as a string, with the map from its indices back to the original for reporting.
 *
 * @example
 * const { norm, map } = normalise('Ｈｅｌｌｏ,\n\u3000世界〜');
 * norm; // 'hello,世界~'
 * map[6]; // 8: '世' sits at index 8 of the original
 */
export function normalise(text: string): Normalised {
  const { codes, length, map } = normaliseCodes(text, true);
  let norm = '';
  for (let i = 0; i < length; i += 8192) norm += String.fromCharCode(...codes.subarray(i, Math.min(length, i + 8192)));
  const full = new Int32Array(length + 1);
  full.set(map!.subarray(0, length));
  full[length] = text.length;
  return { norm, map: full };
}
