/**
 * Context words: whether any of `words` occurs (case-insensitively) near `[start, end)`. Only a small
 * window is searched, so the cost is per candidate, not per text.
 *
 * @example
 * hasContext('個人番号: 1234 5678 9018', 6, 20, ['個人番号']); // true
 */
export function hasContext(text: string, start: number, end: number, words: readonly string[], before = 48, after = 24): boolean {
  if (words.length === 0) return false;
  const from = Math.max(0, start - Math.min(before, MAX_BEFORE));
  const to = Math.min(text.length, end + Math.min(after, MAX_AFTER));
  let re = compiled.get(words);
  if (re === undefined) {
    re = wordsRegex(words);
    compiled.set(words, re);
  }
  // An empty word fits in any neighbourhood that is not empty.
  if (re === null) return from < to;
  // The words are literals: a match inside the neighbourhood cut out is a word wholly inside it, and
  // nothing past its end is searched. Most neighbourhoods hold no word: test() needs no match object.
  return re.test(text.slice(from, to));
}

/**
 * One case-insensitive alternation per word list, the words grouped by their first character
 * (`c(?:ontact|all|ell)|t(?:ext me|el)|…`): each first character is tested once per place, about a
 * third faster than the plain alternation. Null when a word is empty.
 */
function wordsRegex(words: readonly string[]): RegExp | null {
  const escape = (w: string) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const groups = new Map<string, string[]>();
  for (const w of words) {
    if (w.length === 0) return null;
    const first = w[0]!;
    groups.set(first, [...(groups.get(first) ?? []), w.slice(1)]);
  }
  const source = [...groups].map(([first, rests]) => (rests.length === 1 ? escape(first + rests[0]!) : `${escape(first)}(?:${rests.map(escape).join('|')})`));
  return new RegExp(source.join('|'), 'i');
}

const compiled = new WeakMap<readonly string[], RegExp | null>();

/**
 * Forgets the cached first line of the text (hasColumnContext). Called around each scan, so that the
 * cache compares the text by reference (never the content of an equal, different string) and holds no
 * text after the scan.
 *
 * @example
 * resetContextCache();
 */
export function resetContextCache(): void {
  header.text = '';
  header.cells = undefined;
  firstLine.text = '';
  firstLine.lower = '';
  firstLine.names.clear();
}

const MAX_BEFORE = 64;
const MAX_AFTER = 32;

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
