/**
 * Per-character folding: NFKC, lower case, and the folds NFKC misses. Computed once per code point and
 * cached, so the normalisation loop costs one table read per character.
 */

/** Marks in the fold table: ≥ 0 is the single replacement code unit. */
/** Dropped (whitespace, controls): -1, so the normalisation loop advances its output by `1 + (v >> 31)` without a branch. */
export const FOLD_DROP = -1;
export const FOLD_UNSET = -2;
export const FOLD_MULTI = -3;
/** A combining mark: composes with the character before it (half-width ﾞ, decomposed accents). */
export const FOLD_COMBINE = -4;
/** An Aozora markup opener (《, ［, [): looked at in context. */
export const FOLD_MARKUP = -5;
/** A high surrogate: folded together with the low one after it. */
export const FOLD_SURROGATE = -6;

const DASHES = [0x2010, 0x2011, 0x2012, 0x2013, 0x2014, 0x2015, 0x2043, 0x2212, 0x2500, 0x2501, 0x2e3a, 0x2e3b, 0xfe58, 0xfe63, 0xff0d, 0x30fc, 0xff70, 0x02d7];
const TILDES = [0x301c, 0xff5e, 0x223c, 0x2053, 0x02dc, 0x3030];
const QUOTES = [0x27, 0x60, 0xb4, 0xab, 0xbb, 0x2018, 0x2019, 0x201a, 0x201b, 0x201c, 0x201d, 0x201e, 0x201f, 0x2032, 0x2033, 0x2035, 0x2036, 0x2039, 0x203a, 0x301d, 0x301e, 0x301f, 0xff02, 0xff07];
const COMMAS = [0x3001, 0xff0c, 0xff64, 0xfe50, 0xfe51];
const STOPS = [0x3002, 0xff0e, 0xff61, 0xfe52];
const MIDDLE_DOTS = [0xb7, 0x2027, 0x30fb, 0xff65];

/** Folds applied after NFKC and lower-casing: variants copies swap freely. */
const POST = new Map<number, number>();
for (const c of DASHES) POST.set(c, 0x2d); // '-': ー and dashes are swapped by IMEs and OCR; kanji 一 is left alone
for (const c of TILDES) POST.set(c, 0x7e); // '~'
for (const c of QUOTES) POST.set(c, 0x22); // '"': straight, curly, single and double quotes are one
for (const c of COMMAS) POST.set(c, 0x2c); // ',': 、 and ， are house-style variants of each other
for (const c of STOPS) POST.set(c, 0x2e); // '.': 。 and ． likewise
for (const c of MIDDLE_DOTS) POST.set(c, 0x30fb); // '・'
POST.set(0x300e, 0x300c); // 『 → 「
POST.set(0x300f, 0x300d); // 』 → 」

/** Whitespace, line breaks, controls, zero-width and format characters: removed entirely. */
export function isDropped(c: number): boolean {
  return (
    c <= 0x20 ||
    (c >= 0x7f && c <= 0xa0) ||
    c === 0xad ||
    c === 0x1680 ||
    c === 0x180e ||
    (c >= 0x2000 && c <= 0x200f) ||
    (c >= 0x2028 && c <= 0x202f) ||
    (c >= 0x205f && c <= 0x206f) ||
    c === 0x3000 ||
    c === 0xfeff ||
    (c >= 0xfe00 && c <= 0xfe0f) // variation selectors: the same glyph either way
  );
}

const COMBINING = /^\p{M}$/u;

/** The fold of one code point as a string of code units ('' when dropped). */
export function foldCodePoint(cp: number): string {
  if (cp < 0x10000 && isDropped(cp)) return '';
  const nfkc = String.fromCodePoint(cp).normalize('NFKC').toLowerCase();
  let out = '';
  for (let i = 0; i < nfkc.length; i++) {
    const c = nfkc.charCodeAt(i);
    if (isDropped(c)) continue;
    out += String.fromCharCode(POST.get(c) ?? c);
  }
  return out;
}

/** Whether the code point folds to a lone combining mark that belongs to the character before it. */
export function isCombining(folded: string): boolean {
  return folded.length === 1 && COMBINING.test(folded);
}
