import { CONTEXT } from '../catalog.js';
import { corporateNumberValid, myNumberValid } from '../checksums.js';
import { hasColumnContext, hasContext } from '../context.js';
import { foldCode } from '../fold.js';
import type { Hit } from '../types.js';
import type { Cluster } from './cluster.js';

const sameShape = (groups: readonly number[], ...shapes: string[]) => shapes.includes(groups.join('-'));
const separatorsOk = (s: string) => /^\d+(?:[- ]\d+)*$/.test(s);

/**
 * 個人番号: 12 digits (or 4-4-4), valid check digit, and context words nearby. The check alone passes
 * about 1 in 11 random numbers, so without context a grouped number stays below the default threshold
 * and a bare 12-digit run is not reported.
 *
 * @example
 * myNumberHit('個人番号 1234 5678 9018', readCluster('個人番号 1234 5678 9018', 5, 0));
 */
export function myNumberHit(text: string, c: Cluster): Hit | null {
  if (c.digits.length !== 12 || c.gluedLeft || c.gluedRight || !separatorsOk(c.s)) return null;
  if (!sameShape(c.groups, '12', '4-4-4') || !myNumberValid(c.digits)) return null;
  if (hasContext(text, c.start, c.end, CONTEXT.myNumber, 40, 8) || hasColumnContext(text, c.start, CONTEXT.myNumber)) return { detector: 'jp.my_number', start: c.start, end: c.end, confidence: 0.95 };
  return c.groups.length === 3 ? { detector: 'jp.my_number', start: c.start, end: c.end, confidence: 0.4 } : null;
}

/**
 * 法人番号: 13 digits, leading check digit; confident only with context words.
 *
 * @example
 * corporateNumberHit('法人番号 7000012050002', readCluster('法人番号 7000012050002', 5, 0));
 */
export function corporateNumberHit(text: string, c: Cluster): Hit | null {
  if (c.digits.length !== 13 || c.gluedLeft || c.gluedRight || !separatorsOk(c.s)) return null;
  if (!sameShape(c.groups, '13', '1-4-4-4') || !corporateNumberValid(c.digits)) return null;
  const context = hasContext(text, c.start, c.end, CONTEXT.corporate, 40, 8) || hasColumnContext(text, c.start, CONTEXT.corporate);
  return { detector: 'jp.corporate_number', start: c.start, end: c.end, confidence: context ? 0.95 : 0.35 };
}

/**
 * 運転免許証番号: 12 digits with context words (the public-safety commission code starts it).
 *
 * @example
 * driversLicenseHit('免許証番号 301234567890', readCluster('免許証番号 301234567890', 6, 0));
 */
export function driversLicenseHit(text: string, c: Cluster): Hit | null {
  if (c.digits.length !== 12 || c.gluedLeft || c.gluedRight || c.groups.length !== 1) return null;
  const commission = Number(c.digits.slice(0, 2));
  if (commission < 10 || commission > 97) return null;
  if (!hasContext(text, c.start, c.end, CONTEXT.license, 40, 8)) return null;
  return { detector: 'jp.drivers_license', start: c.start, end: c.end, confidence: 0.85 };
}

/**
 * 口座番号: 7 digits next to 口座/普通/当座 or "account number".
 *
 * @example
 * bankAccountHit('普通預金 口座番号 1234567', readCluster('普通預金 口座番号 1234567', 10, 0));
 */
export function bankAccountHit(text: string, c: Cluster): Hit | null {
  if (c.digits.length !== 7 || c.groups.length !== 1 || c.gluedLeft || c.gluedRight) return null;
  if (!hasContext(text, c.start, c.end, CONTEXT.bank, 24, 4) && !hasColumnContext(text, c.start, CONTEXT.bank)) return null;
  return { detector: 'jp.bank_account', start: c.start, end: c.end, confidence: 0.8 };
}

/**
 * 郵便番号 NNN-NNNN: confident after 〒 or postal context words, weak otherwise.
 *
 * @example
 * postalCodeHit('〒100-8914', readCluster('〒100-8914', 1, 0));
 */
export function postalCodeHit(text: string, c: Cluster): Hit | null {
  if (c.groups.length !== 2 || c.groups[0] !== 3 || !/^\d{3}-\d{4}$/.test(c.s) || c.gluedLeft || c.gluedRight) return null;
  const mark = c.start > 0 && (text[c.start - 1] === '〒' || (c.start > 1 && text[c.start - 2] === '〒'));
  const confidence = mark || hasContext(text, c.start, c.end, CONTEXT.postal, 16, 0) ? 0.9 : 0.3;
  return { detector: 'jp.postal_code', start: c.start, end: c.end, confidence };
}

function lettersBefore(text: string, at: number, n: number): boolean {
  if (at - n < 0) return false;
  for (let i = at - n; i < at; i++) {
    const f = foldCode(text.charCodeAt(i));
    if (f < 0x41 || f > 0x5a) return false;
  }
  return at - n === 0 || !/[\p{L}\p{N}_]/u.test(String.fromCharCode(foldCode(text.charCodeAt(at - n - 1))));
}

/**
 * 旅券番号: two upper-case letters then 7 digits (TK1234567).
 *
 * @example
 * passportHit('旅券番号 TK1234567', readCluster('旅券番号 TK1234567', 7, 0));
 */
export function passportHit(text: string, c: Cluster): Hit | null {
  if (c.digits.length !== 7 || c.groups.length !== 1 || c.gluedRight || !lettersBefore(text, c.start, 2)) return null;
  const start = c.start - 2;
  const context = hasContext(text, start, c.end, CONTEXT.passport, 40, 8);
  return { detector: 'jp.passport', start, end: c.end, confidence: context ? 0.9 : 0.4 };
}

/**
 * 在留カード番号: two letters, 8 digits, two letters (AB12345678CD).
 *
 * @example
 * residenceCardHit('在留カード番号 AB12345678CD', readCluster('在留カード番号 AB12345678CD', 10, 0));
 */
export function residenceCardHit(text: string, c: Cluster): Hit | null {
  if (c.digits.length !== 8 || c.groups.length !== 1 || !lettersBefore(text, c.start, 2)) return null;
  const tail = text.slice(c.end, c.end + 3);
  let n = 0;
  while (n < 2 && n < tail.length) {
    const f = foldCode(tail.charCodeAt(n));
    if (f < 0x41 || f > 0x5a) break;
    n++;
  }
  if (n !== 2 || (tail.length > 2 && /[A-Za-z0-9_Ａ-Ｚａ-ｚ０-９]/.test(tail[2]!))) return null;
  const start = c.start - 2;
  const context = hasContext(text, start, c.end + 2, CONTEXT.residence, 40, 8);
  return { detector: 'jp.residence_card', start, end: c.end + 2, confidence: context ? 0.95 : 0.75 };
}
