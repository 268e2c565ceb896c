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
  // Every address has a colon with a hex digit or colon on both sides.
  if (!isHexOrColon(text.charCodeAt(at + 1)) || !isHexOrColon(text.charCodeAt(at - 1))) return null;
  if (text.charCodeAt(at + 1) === 0x3a && text.charCodeAt(at - 1) === 0x3a) return null; // ':::' is never an address
  let start = at;
  while (start > 0 && at - start < 45 && isHexOrColon(text.charCodeAt(start - 1))) start--;
  let end = at + 1;
  while (end < text.length && end - start < 45 && isHexOrColon(text.charCodeAt(end))) end++;
  while (end > at + 1 && text.charCodeAt(end - 1) === 0x2e) end--;
  if ((start > 0 && isWord(text.charCodeAt(start - 1))) || (end < text.length && isWord(text.charCodeAt(end)))) return null;
  if (end - start < 6) return null;
  // Clock times (12:30:45) are not addresses: an address has a hex letter, `::`, or eight groups.
  // Counted in place: most colons between digits are times and never become a string.
  let hexLetter = false;
  let doubleColon = false;
  let colons = 0;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x3a) {
      colons++;
      if (text.charCodeAt(i + 1) === 0x3a && i + 1 < end) doubleColon = true;
    } else if (c >= 0x41) hexLetter = true;
  }
  if (!hexLetter && !doubleColon && colons < 7) return null;
  const candidate = text.slice(start, end);
  const groups = candidate.split(':').filter((g) => g.length > 0);
  if (groups.length < 2 || !isIPv6(candidate)) return null;
  // Scope operators (AAA::c, E::cde) are not addresses: an address has a digit.
  if (!/\d/.test(candidate) || (groups.length < 3 && groups.every((g) => g.length < 3))) return null;
  return { detector: 'ip_address', start, end, confidence: 0.85 };
}
