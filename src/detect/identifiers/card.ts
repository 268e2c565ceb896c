import { CONTEXT } from '../catalog.js';
import { luhn } from '../checksums.js';
import { hasContext } from '../context.js';
import type { Hit } from '../types.js';
import { uniformSeparator, type Cluster } from './cluster.js';

/** Issuer (IIN) ranges and the lengths each issues. */
const ISSUERS: readonly { prefixes: readonly [number, number][]; digits: number; lengths: readonly number[] }[] = [
  { prefixes: [[4, 4]], digits: 1, lengths: [13, 16, 19] }, // Visa
  { prefixes: [[51, 55]], digits: 2, lengths: [16] }, // Mastercard
  { prefixes: [[2221, 2720]], digits: 4, lengths: [16] }, // Mastercard 2-series
  { prefixes: [[34, 34], [37, 37]], digits: 2, lengths: [15] }, // American Express
  { prefixes: [[300, 305], [309, 309]], digits: 3, lengths: [14, 16, 17, 18, 19] }, // Diners Club
  { prefixes: [[36, 36], [38, 39]], digits: 2, lengths: [14, 15, 16, 17, 18, 19] }, // Diners Club
  { prefixes: [[3528, 3589]], digits: 4, lengths: [16, 17, 18, 19] }, // JCB
  { prefixes: [[1800, 1800], [2131, 2131]], digits: 4, lengths: [15] }, // JCB (legacy)
  { prefixes: [[6011, 6011]], digits: 4, lengths: [16, 17, 18, 19] }, // Discover
  { prefixes: [[644, 649]], digits: 3, lengths: [16, 17, 18, 19] }, // Discover
  { prefixes: [[65, 65]], digits: 2, lengths: [16, 17, 18, 19] }, // Discover
  { prefixes: [[62, 62]], digits: 2, lengths: [16, 17, 18, 19] }, // UnionPay
  { prefixes: [[2200, 2204]], digits: 4, lengths: [16, 17, 18, 19] }, // Mir
  { prefixes: [[50, 50], [56, 69]], digits: 2, lengths: [12, 13, 14, 15, 16, 17, 18, 19] }, // Maestro
];

/**
 * Whether a digit string lies in a known issuer range with an issued length.
 *
 * @example
 * knownIssuer('378282246310005'); // true (American Express, 15 digits)
 */
export function knownIssuer(d: string): boolean {
  return ISSUERS.some((iss) => {
    if (!iss.lengths.includes(d.length)) return false;
    const p = Number(d.slice(0, iss.digits));
    return iss.prefixes.some(([lo, hi]) => p >= lo && p <= hi);
  });
}

/** Accepted groupings: none, 4-4-4-4(-3), Amex 4-6-5, Diners 4-6-4, 4-4-4-(1..4). */
function groupingOk(groups: readonly number[]): boolean {
  if (groups.length === 1) return true;
  const g = groups.join('-');
  if (g === '4-6-5' || g === '4-6-4') return true;
  for (let i = 0; i < groups.length - 1; i++) if (groups[i] !== 4) return false;
  const last = groups[groups.length - 1]!;
  return last >= 1 && last <= 4 || (groups.length === 5 && last === 3);
}

/**
 * Payment card number: the whole cluster, 12-19 digits, Luhn-valid, known issuer, consistent grouping.
 *
 * @example
 * cardHit(text, readCluster('card 4111 1111 1111 1111', 5, 0)); // { detector: 'credit_card', ... }
 */
export function cardHit(text: string, c: Cluster): Hit | null {
  const d = c.digits;
  if (d.length < 12 || d.length > 19 || c.gluedLeft || c.gluedRight) return null;
  const sep = uniformSeparator(c.s);
  if (sep === false || (sep !== null && sep !== ' ' && sep !== '-')) return null;
  if (!groupingOk(c.groups) || !luhn(d) || /^(\d)\1+$/.test(d)) return null;
  const context = hasContext(text, c.start, c.end, CONTEXT.card, 40, 16);
  // Outside the issuer ranges a Luhn-valid number is a card only when the text says so.
  if (!knownIssuer(d)) return context && d.length >= 13 ? { detector: 'credit_card', start: c.start, end: c.end, confidence: 0.8 } : null;
  let confidence = d.length >= 14 ? 0.85 : 0.45;
  if (context) confidence = 0.95;
  return { detector: 'credit_card', start: c.start, end: c.end, confidence };
}
