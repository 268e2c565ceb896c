import { CONTEXT } from '../catalog.js';
import { ibanMod97 } from '../checksums.js';
import { hasContext } from '../context.js';
import { foldCode } from '../fold.js';
import type { Hit } from '../types.js';

/** IBAN length per country (SWIFT IBAN registry). */
const LENGTHS: Readonly<Record<string, number>> = {
  AD: 24, AE: 23, AL: 28, AT: 20, AZ: 28, BA: 20, BE: 16, BG: 22, BH: 22, BI: 27, BR: 29, BY: 28, CH: 21, CR: 22, CY: 28,
  CZ: 24, DE: 22, DJ: 27, DK: 18, DO: 28, EE: 20, EG: 29, ES: 24, FI: 18, FK: 18, FO: 18, FR: 27, GB: 22, GE: 22, GI: 23,
  GL: 18, GR: 27, GT: 28, HN: 28, HR: 21, HU: 28, IE: 22, IL: 23, IQ: 23, IS: 26, IT: 27, JO: 30, KW: 30, KZ: 20, LB: 28,
  LC: 32, LI: 21, LT: 20, LU: 20, LV: 21, LY: 25, MC: 27, MD: 24, ME: 22, MK: 19, MN: 20, MR: 27, MT: 31, MU: 30, NI: 28,
  NL: 18, NO: 15, OM: 23, PK: 24, PL: 28, PS: 29, PT: 25, QA: 29, RO: 24, RS: 22, RU: 33, SA: 24, SC: 31, SD: 18, SE: 24,
  SI: 19, SK: 24, SM: 27, SO: 23, ST: 25, SV: 28, TL: 23, TN: 24, TR: 26, UA: 29, VA: 22, VG: 24, XK: 20, YE: 30,
};

/** Index of a two-letter country code (either case) in LENGTH_BY_CODE. */
const countryIndex = (a: number, b: number) => ((a & ~0x20) - 0x41) * 26 + ((b & ~0x20) - 0x41);

/** LENGTHS by country index, 0 for codes without IBAN: most letter-digit pairs in text are looked up here. */
const LENGTH_BY_CODE = new Uint8Array(26 * 26);
for (const [code, n] of Object.entries(LENGTHS)) LENGTH_BY_CODE[countryIndex(code.charCodeAt(0), code.charCodeAt(1))] = n;

const isLetter = (f: number) => (f >= 0x41 && f <= 0x5a) || (f >= 0x61 && f <= 0x7a);
const isAlnum = (f: number) => (f >= 0x30 && f <= 0x39) || (f >= 0x41 && f <= 0x5a) || (f >= 0x61 && f <= 0x7a);

/**
 * An IBAN whose check digits start at `at` (the country code is the two letters before), compact or
 * in groups of four separated by single spaces. Case-insensitive, full-width forms folded.
 *
 * @example
 * ibanAt('IBAN GB82 WEST 1234 5698 7654 32', 7); // { detector: 'iban', start: 5, end: 32, ... }
 */
export function ibanAt(text: string, at: number): Hit | null {
  const start = at - 2;
  if (start < 0 || !isLetter(foldCode(text.charCodeAt(start))) || !isLetter(foldCode(text.charCodeAt(start + 1)))) return null;
  if ( (start > 0 && isAlnum(foldCode(text.charCodeAt(start - 1))))) return null;
  const length = LENGTH_BY_CODE[countryIndex(foldCode(text.charCodeAt(start)), foldCode(text.charCodeAt(start + 1)))]!;
  if (length === 0) return null;
  let compact = '';
  let i = start;
  let end = start;
  while (i < text.length && compact.length < length) {
    const f = foldCode(text.charCodeAt(i));
    if (isAlnum(f)) {
      compact += String.fromCharCode(f);
      end = ++i;
    } else if (f === 0x20 && compact.length % 4 === 0 && compact.length > 0) i++;
    else break;
  }
  if (compact.length !== length || (end < text.length && isAlnum(foldCode(text.charCodeAt(end))))) return null;
  const upper = compact.toUpperCase();
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]+$/.test(upper) || !ibanMod97(upper)) return null;
  const confidence = hasContext(text, start, end, CONTEXT.iban, 32, 8) ? 0.95 : 0.85;
  return { detector: 'iban', start, end, confidence };
}
