/** The header of a Zeek TSV log: separators, markers and column layout. */
export interface ZeekHeader {
  separator: string;
  setSeparator: string;
  emptyField: string;
  unsetField: string;
  path: string;
  fields: string[];
  types: string[];
}

/** Header values before any `#` line is seen: Zeek's defaults. */
export function defaultZeekHeader(): ZeekHeader {
  return { separator: '\t', setSeparator: ',', emptyField: '(empty)', unsetField: '-', path: '', fields: [], types: [] };
}

/** Decodes Zeek's `\xNN` escapes (used in `#separator \x09` and in escaped field values). */
export function unescapeZeek(s: string): string {
  if (s.indexOf('\\x') < 0) return s;
  return s.replace(/\\x([0-9a-fA-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
}

/**
 * Applies one `#` header line to `h`; returns true when the column layout changed (`#fields`).
 *
 * @example
 * const h = defaultZeekHeader();
 * applyHeaderLine(h, '#separator \\x09');
 * applyHeaderLine(h, '#fields\tts\tuid'); // true
 */
export function applyHeaderLine(h: ZeekHeader, line: string): boolean {
  if (line.startsWith('#separator')) {
    // The separator line itself is space-separated: `#separator \x09`.
    const value = line.slice('#separator'.length).trim();
    if (value !== '') h.separator = unescapeZeek(value);
    return false;
  }
  const sep = line.indexOf(h.separator);
  const key = sep < 0 ? line.slice(1) : line.slice(1, sep);
  const rest = sep < 0 ? [] : line.slice(sep + h.separator.length).split(h.separator);
  switch (key) {
    case 'set_separator':
      h.setSeparator = unescapeZeek(rest[0] ?? ',');
      return false;
    case 'empty_field':
      h.emptyField = rest[0] ?? '(empty)';
      return false;
    case 'unset_field':
      h.unsetField = rest[0] ?? '-';
      return false;
    case 'path':
      h.path = rest[0] ?? '';
      return false;
    case 'fields':
      h.fields = rest;
      return true;
    case 'types':
      h.types = rest;
      return false;
    default:
      return false;
  }
}
