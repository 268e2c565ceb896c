/**
 * Context words: whether any of `words` (lower-case) occurs near `[start, end)`. Only a small window is
 * lower-cased, so the cost is per candidate, not per text.
 *
 * @example
 * hasContext('個人番号: 1234 5678 9018', 6, 20, ['個人番号']); // true
 */
export function hasContext(text: string, start: number, end: number, words: readonly string[], before = 48, after = 24): boolean {
  if (words.length === 0) return false;
  const window = text.slice(Math.max(0, start - before), Math.min(text.length, end + after)).toLowerCase();
  for (const w of words) if (window.includes(w)) return true;
  return false;
}

/** The line that contains `index`, without its line break, and where it starts. */
export function lineAt(text: string, index: number, limit = 400): { line: string; start: number } {
  const from = Math.max(0, index - limit);
  let start = index;
  while (start > from && text.charCodeAt(start - 1) !== 10 && text.charCodeAt(start - 1) !== 13) start--;
  const to = Math.min(text.length, index + limit);
  let end = index;
  while (end < to && text.charCodeAt(end) !== 10 && text.charCodeAt(end) !== 13) end++;
  return { line: text.slice(start, end), start };
}
