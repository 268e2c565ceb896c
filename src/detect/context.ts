/**
 * Context words: whether any of `words` occurs (case-insensitively) near `[start, end)`. Only a small
 * window is searched, so the cost is per candidate, not per text.
 *
 * @example
 * hasContext('個人番号: 1234 5678 9018', 6, 20, ['個人番号']); // true
 */
export function hasContext(text: string, start: number, end: number, words: readonly string[], before = 48, after = 24): boolean {
  if (words.length === 0) return false;
  // Several identifiers ask about the same candidate: cut its neighbourhood once; match case-insensitively.
  if (cache.text !== text || cache.start !== start || cache.end !== end) {
    cache.from = Math.max(0, start - MAX_BEFORE);
    cache.window = text.slice(cache.from, Math.min(text.length, end + MAX_AFTER));
    cache.text = text;
    cache.start = start;
    cache.end = end;
  }
  const lo = Math.max(0, start - Math.min(before, MAX_BEFORE)) - cache.from;
  const hi = Math.min(text.length, end + Math.min(after, MAX_AFTER)) - cache.from;
  // One alternation per word list instead of one indexOf per word.
  let re = compiled.get(words);
  if (!re) {
    re = new RegExp([...words].sort((a, b) => b.length - a.length).map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'gi');
    compiled.set(words, re);
  }
  // Most neighbourhoods hold no context word at all: test() answers that without a match object.
  re.lastIndex = lo;
  if (!re.test(cache.window)) return false;
  re.lastIndex = lo;
  for (let m = re.exec(cache.window); m && m.index < hi; m = re.exec(cache.window)) {
    if (m.index + m[0].length <= hi) return true;
    // The longest word at this place runs past the neighbourhood; a shorter one may still fit
    // (個人番号 at the start of 個人番号カード, "account no" of "account number").
    const sticky = new RegExp(re.source, 'iy');
    sticky.lastIndex = m.index;
    if (sticky.test(cache.window.slice(0, hi))) return true;
    re.lastIndex = m.index + 1;
  }
  return false;
}

const compiled = new WeakMap<readonly string[], RegExp>();

/**
 * Forgets the cached neighbourhood. Called around each scan, so that the cache compares the text by
 * reference (never the content of an equal, different string) and holds no text after the scan.
 *
 * @example
 * resetContextCache();
 */
export function resetContextCache(): void {
  cache.text = '';
  cache.window = '';
  cache.start = -1;
  cache.end = -1;
  header.text = '';
  header.cells = undefined;
  firstLine.text = '';
  firstLine.lower = '';
  firstLine.names.clear();
}

const MAX_BEFORE = 64;
const MAX_AFTER = 32;
const cache = { text: '', start: -1, end: -1, from: 0, window: '' };

/**
 * The line that contains `index`, without its line break, and where it starts.
 *
 * @example
 * lineAt('a\nTOP SECRET\nb', 4); // { line: 'TOP SECRET', start: 2 }
 */
export function lineAt(text: string, index: number, limit = 400): { line: string; start: number } {
  const from = Math.max(0, index - limit);
  let start = index;
  while (start > from && text.charCodeAt(start - 1) !== 10 && text.charCodeAt(start - 1) !== 13) start--;
  const to = Math.min(text.length, index + limit);
  let end = index;
  while (end < to && text.charCodeAt(end) !== 10 && text.charCodeAt(end) !== 13) end++;
  return { line: text.slice(start, end), start };
}

/**
 * Context from a table's header: in CSV/TSV-like text (the candidate's line has `,` or tab separators), the
 * header cell of the candidate's column contains one of `words`. A roster with a 個人番号 column names the
 * context once, at the top, not beside every number.
 *
 * @example
 * hasColumnContext('氏名,個人番号\n山田,5260 1815 9084', 15, ['個人番号']); // true
 */
export function hasColumnContext(text: string, start: number, words: readonly string[]): boolean {
  // A header cell names a word only if its line does: when the first line names none, no column can.
  if (!firstLineNames(text, words)) return false;
  // The bounds of lineAt(text, start), found without cutting the line out: most lines have no separator.
  const from = Math.max(0, start - 400);
  let lineStart = start;
  while (lineStart > from && text.charCodeAt(lineStart - 1) !== 10 && text.charCodeAt(lineStart - 1) !== 13) lineStart--;
  if (lineStart === 0) return false;
  const to = Math.min(text.length, start + 400);
  let tab = false;
  let comma = false;
  for (let i = lineStart; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) break;
    if (c === 9) tab = true;
    else if (c === 44) comma = true;
  }
  const sep = tab ? '\t' : comma ? ',' : '';
  if (sep === '') return false;
  const header = headerLine(text, sep);
  if (header === undefined) return false;
  let column = 0;
  for (let i = lineStart; i < start; i++) if (text[i] === sep) column++;
  const cell = header[column];
  if (cell === undefined) return false;
  const lower = cell.toLowerCase();
  return words.some((w) => lower.includes(w.toLowerCase()));
}

/** The first line of `text` split into cells, when it has the separator; cached for the text being scanned. */
function headerLine(text: string, sep: string): string[] | undefined {
  if (header.text !== text || header.sep !== sep) {
    const first = lineAt(text, 0, 2000).line;
    header.text = text;
    header.sep = sep;
    header.cells = first.includes(sep) ? first.split(sep) : undefined;
  }
  return header.cells;
}

const header: { text: string; sep: string; cells: string[] | undefined } = { text: '', sep: '', cells: undefined };

/**
 * Whether the first line of `text` (the header line of headerLine), lower-cased, contains one of `words`;
 * cached for the text being scanned, per word list. Most texts are not tables: their candidates need no
 * look at their own line.
 */
function firstLineNames(text: string, words: readonly string[]): boolean {
  if (firstLine.text !== text) {
    firstLine.text = text;
    firstLine.lower = lineAt(text, 0, 2000).line.toLowerCase();
    firstLine.names.clear();
  }
  let names = firstLine.names.get(words);
  if (names === undefined) {
    names = words.some((w) => firstLine.lower.includes(w.toLowerCase()));
    firstLine.names.set(words, names);
  }
  return names;
}

const firstLine = { text: '', lower: '', names: new Map<readonly string[], boolean>() };
