import { foldCode } from '../fold.js';
import type { Hit } from '../types.js';

const isLocal = (f: number) =>
  (f >= 0x30 && f <= 0x39) || (f >= 0x41 && f <= 0x5a) || (f >= 0x61 && f <= 0x7a) || f === 0x2e || f === 0x5f || f === 0x25 || f === 0x2b || f === 0x2d;
const isDomain = (f: number) => (f >= 0x30 && f <= 0x39) || (f >= 0x41 && f <= 0x5a) || (f >= 0x61 && f <= 0x7a) || f === 0x2e || f === 0x2d;

/**
 * Whether `text[from, to)`, folded, is a domain: labels of 1-63 letters, digits and inner hyphens, then a
 * top-level label of 2-24 letters (`/^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,24}$/i`), checked
 * in place. Every character in the range is already a letter, digit, `.` or `-` (isDomain).
 *
 * @example
 * domainAt('x@example.co.jp', 2, 15); // true
 */
export function domainAt(text: string, from: number, to: number): boolean {
  let labelStart = from;
  let labels = 0;
  for (let i = from; i < to; i++) {
    if (foldCode(text.charCodeAt(i)) !== 0x2e) continue;
    const n = i - labelStart;
    if (n < 1 || n > 63 || foldCode(text.charCodeAt(labelStart)) === 0x2d || foldCode(text.charCodeAt(i - 1)) === 0x2d) return false;
    labels++;
    labelStart = i + 1;
  }
  const tld = to - labelStart;
  if (labels === 0 || tld < 2 || tld > 24) return false;
  for (let i = labelStart; i < to; i++) {
    const f = foldCode(text.charCodeAt(i)) | 0x20;
    if (f < 0x61 || f > 0x7a) return false;
  }
  return true;
}

/**
 * The e-mail address around the `@` at `at` (ASCII or full-width), or null.
 *
 * @example
 * emailAt('mail taro.yamada@example.co.jp now', 15); // { detector: 'email', start: 5, end: 30, ... }
 */
export function emailAt(text: string, at: number): Hit | null {
  let start = at;
  while (start > 0 && at - start < 64 && isLocal(foldCode(text.charCodeAt(start - 1)))) start--;
  while (start < at && foldCode(text.charCodeAt(start)) === 0x2e) start++;
  if (start === at || foldCode(text.charCodeAt(at - 1)) === 0x2e) return null;
  let end = at + 1;
  while (end < text.length && end - at < 254 && isDomain(foldCode(text.charCodeAt(end)))) end++;
  while (end > at + 1 && (foldCode(text.charCodeAt(end - 1)) === 0x2e || foldCode(text.charCodeAt(end - 1)) === 0x2d)) end--;
  if (!domainAt(text, at + 1, end)) return null;
  return { detector: 'email', start, end, confidence: 0.9 };
}
