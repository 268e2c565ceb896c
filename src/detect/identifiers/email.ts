import { foldCode, foldWindow } from '../fold.js';
import type { Hit } from '../types.js';

const isLocal = (f: number) =>
  (f >= 0x30 && f <= 0x39) || (f >= 0x41 && f <= 0x5a) || (f >= 0x61 && f <= 0x7a) || f === 0x2e || f === 0x5f || f === 0x25 || f === 0x2b || f === 0x2d;
const isDomain = (f: number) => (f >= 0x30 && f <= 0x39) || (f >= 0x41 && f <= 0x5a) || (f >= 0x61 && f <= 0x7a) || f === 0x2e || f === 0x2d;
const DOMAIN = /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,24}$/i;

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
  if (!DOMAIN.test(foldWindow(text, at + 1, end))) return null;
  return { detector: 'email', start, end, confidence: 0.9 };
}
