/**
 * Length-preserving NFKC folding for the characters identifiers are made of: full-width ASCII
 * (０-９, Ａ-Ｚ, ＠, －, …), the ideographic space and the dash look-alikes. Every UTF-16 unit maps to
 * exactly one unit, so offsets into the folded window are offsets into the original text.
 * Characters whose NFKC form is longer (㍿, ①) stay as they are: no identifier is made of them.
 */

/**
 * Folds one UTF-16 code unit; returns it unchanged when no 1:1 mapping applies.
 *
 * @example
 * foldCode(0xff13); // 0x33 ('３' → '3')
 */
export function foldCode(c: number): number {
  if (c < 0x80) return c;
  if (c >= 0xff01 && c <= 0xff5e) return c - 0xfee0;
  if (c === 0x3000) return 0x20;
  if ((c >= 0x2010 && c <= 0x2015) || c === 0x2212 || c === 0x30fc || c === 0xff70 || c === 0xfe63) return 0x2d;
  return c;
}

/**
 * True for 0-9 and ０-９.
 *
 * @example
 * isDigitCode('５'.charCodeAt(0)); // true
 */
export function isDigitCode(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0xff10 && c <= 0xff19);
}

/**
 * True for ASCII or full-width letters, digits and `_`: the characters that glue a token to its neighbours.
 *
 * @example
 * isWordCode('Ａ'.charCodeAt(0)); // true
 */
export function isWordCode(c: number): boolean {
  const f = foldCode(c);
  return (f >= 0x30 && f <= 0x39) || (f >= 0x41 && f <= 0x5a) || (f >= 0x61 && f <= 0x7a) || f === 0x5f;
}

/**
 * The folded copy of `text[start, end)`, same length. ASCII-only windows are returned as a plain slice.
 *
 * @example
 * foldWindow('電話０３－１２３４', 2, 9); // '03-1234'
 */
export function foldWindow(text: string, start: number, end: number): string {
  let ascii = true;
  for (let i = start; i < end; i++) {
    if (text.charCodeAt(i) >= 0x80) {
      ascii = false;
      break;
    }
  }
  if (ascii) return text.slice(start, end);
  let out = '';
  // fromCharCode takes its arguments on the stack: build in bounded pieces.
  for (let from = start; from < end; from += 4096) {
    const to = Math.min(end, from + 4096);
    const codes = new Array<number>(to - from);
    for (let i = from; i < to; i++) codes[i - from] = foldCode(text.charCodeAt(i));
    out += String.fromCharCode(...codes);
  }
  return out;
}
