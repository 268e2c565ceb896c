/** Check-digit and randomness tests used by the validators. Inputs are ASCII digit strings unless stated. */

/**
 * Luhn (mod 10) check used by payment cards.
 *
 * @example
 * luhn('4111111111111111'); // true
 */
export function luhn(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}

/**
 * ISO 13616 IBAN check: move the first four characters to the end, letters to numbers, mod 97 = 1.
 *
 * @example
 * ibanMod97('GB82WEST12345698765432'); // true
 */
export function ibanMod97(iban: string): boolean {
  const s = iban.slice(4) + iban.slice(0, 4);
  let rem = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) rem = (rem * 10 + (c - 48)) % 97;
    else if (c >= 65 && c <= 90) rem = (rem * 100 + (c - 55)) % 97;
    else return false;
  }
  return rem === 1;
}

/**
 * 個人番号 (My Number) check digit: the 12th digit from the first 11 (番号法施行令 第8条).
 *
 * @example
 * myNumberValid('123456789018'); // true
 */
export function myNumberValid(digits: string): boolean {
  if (digits.length !== 12) return false;
  let sum = 0;
  for (let n = 1; n <= 11; n++) {
    const p = digits.charCodeAt(11 - n) - 48;
    const q = n <= 6 ? n + 1 : n - 5;
    sum += p * q;
  }
  const r = sum % 11;
  const check = r <= 1 ? 0 : 11 - r;
  return check === digits.charCodeAt(11) - 48;
}

/**
 * 法人番号 (corporate number) check: the leading digit from the 12 that follow.
 *
 * @example
 * corporateNumberValid('8700110005901'); // true
 */
export function corporateNumberValid(digits: string): boolean {
  if (digits.length !== 13) return false;
  let sum = 0;
  for (let n = 1; n <= 12; n++) {
    const p = digits.charCodeAt(13 - n) - 48;
    sum += p * (n % 2 === 1 ? 1 : 2);
  }
  return 9 - (sum % 9) === digits.charCodeAt(0) - 48;
}

const ASCII_COUNTS = new Uint32Array(128);

/**
 * Shannon entropy in bits per character.
 *
 * @example
 * shannonEntropy('aaaa'); // 0
 */
export function shannonEntropy(s: string): number {
  if (s.length === 0) return 0;
  if (/^[\x00-\x7f]*$/.test(s)) {
    const ascii = ASCII_COUNTS.fill(0);
    for (let i = 0; i < s.length; i++) ascii[s.charCodeAt(i)]!++;
    let h = 0;
    for (const n of ascii) {
      if (n === 0) continue;
      const p = n / s.length;
      h -= p * Math.log2(p);
    }
    return h;
  }
  const counts = new Map<number, number>();
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    counts.set(c, (counts.get(c) ?? 0) + 1);
  }
  let h = 0;
  for (const n of counts.values()) {
    const p = n / s.length;
    h -= p * Math.log2(p);
  }
  return h;
}
