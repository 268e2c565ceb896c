/**
 * Masks a sensitive value for display and storage: keeps a short head and tail of the
 * alphanumerics, replaces the rest with `*`, keeps separators so the shape stays readable.
 * Short values are masked entirely but for their last character.
 *
 * @example
 * maskValue('4454123412340933'); // '4454********0933'
 * maskValue('1234-5678-9018');   // '1234-****-**18'
 */
export function maskValue(value: string, head = 4, tail = 4): string {
  const alnum = [...value].filter((c) => /[\p{L}\p{N}]/u.test(c)).length;
  let keepHead = head;
  let keepTail = tail;
  if (alnum <= head + tail + 2) {
    keepHead = alnum >= 8 ? 2 : 0;
    keepTail = alnum >= 4 ? 2 : 1;
  }
  if (alnum === 12) keepTail = 2; // 12-digit numbers (My Number) keep only 2 at the end
  let seen = 0;
  let out = '';
  for (const c of value) {
    if (/[\p{L}\p{N}]/u.test(c)) {
      seen++;
      out += seen <= keepHead || seen > alnum - keepTail ? c : '*';
    } else {
      out += c;
    }
  }
  return out;
}
