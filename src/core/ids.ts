import { randomBytes } from 'node:crypto';

const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';

/**
 * A sortable unique id: 10 chars of millisecond time, 16 chars of randomness (Crockford base32, lowercase),
 * with a prefix naming what it identifies.
 *
 * @example
 * newId('evt'); // 'evt_01jd3k9x4e7m2q8r0v5t6w1y3z'
 */
export function newId(prefix: string, now = Date.now()): string {
  let t = '';
  let n = now;
  for (let i = 0; i < 10; i++) {
    t = ALPHABET[n % 32]! + t;
    n = Math.floor(n / 32);
  }
  const r = randomBytes(16);
  let s = '';
  for (let i = 0; i < 16; i++) s += ALPHABET[r[i]! % 32];
  return `${prefix}_${t}${s}`;
}
