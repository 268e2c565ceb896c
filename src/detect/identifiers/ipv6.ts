import { isIPv6 } from 'node:net';
import type { Hit } from '../types.js';

const isHexOrColon = (c: number) => (c >= 0x30 && c <= 0x3a) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66) || c === 0x2e;
const isWord = (c: number) => (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f;

/**
 * The IPv6 address around the `:` at `at`: at least two non-empty groups, not glued to a word,
 * valid per `net.isIPv6` (so MAC addresses, clock times and `std::vector` are not addresses).
 *
 * @example
 * ipv6At('via fe80::1ff:fe23:4567:890a now', 8); // { detector: 'ip_address', start: 4, end: 28, ... }
 */
export function ipv6At(text: string, at: number): Hit | null {
  let start = at;
  while (start > 0 && at - start < 45 && isHexOrColon(text.charCodeAt(start - 1))) start--;
  let end = at + 1;
  while (end < text.length && end - start < 45 && isHexOrColon(text.charCodeAt(end))) end++;
  while (end > at + 1 && text.charCodeAt(end - 1) === 0x2e) end--;
  if ((start > 0 && isWord(text.charCodeAt(start - 1))) || (end < text.length && isWord(text.charCodeAt(end)))) return null;
  const candidate = text.slice(start, end);
  const groups = candidate.split(':').filter((g) => g.length > 0);
  if (groups.length < 2 || candidate.length < 6 || !isIPv6(candidate)) return null;
  // Clock times (12:30::) are not addresses: an address has a hex letter, `::`, or many groups.
  if (!/[a-f]/i.test(candidate) && !candidate.includes('::') && groups.length < 8) return null;
  return { detector: 'ip_address', start, end, confidence: 0.85 };
}
