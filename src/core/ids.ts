import { randomFillSync } from 'node:crypto';

const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';

/** Random bytes drawn from the CSPRNG 4 KB at a time: one call per id cost more than the rest of newId. */
const pool = new Uint8Array(4096);
let used = pool.length;

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
  if (used + 16 > pool.length) {
    randomFillSync(pool);
    used = 0;
  }
  let s = '';
  for (let i = 0; i < 16; i++) s += ALPHABET[pool[used++]! % 32];
  return `${prefix}_${t}${s}`;
}
