import { localName, parseXml } from './xml.js';

/**
 * The shared-string table of a workbook (xl/sharedStrings.xml). Phonetic readings (`rPh`, Excel's
 * ruby) are dropped so 「機密」 stays 「機密」.
 *
 * @example
 * sharedStrings('<sst><si><t>機密</t></si></sst>'); // ['機密']
 */
export function sharedStrings(xml: string): string[] {
  const strings: string[] = [];
  let current: string[] | undefined;
  let inT = false;
  let phonetic = 0;
  parseXml(xml, (p) => {
    p.on('opentag', (tag) => {
      const name = localName(tag.name);
      if (name === 'si') current = [];
      else if (name === 'rPh') phonetic++;
      else if (name === 't' && !tag.isSelfClosing) inT = true;
    });
    p.on('text', (t) => {
      if (inT && phonetic === 0) current?.push(t);
    });
    p.on('closetag', (tag) => {
      const name = localName(tag.name);
      if (name === 'si') strings.push(current?.join('') ?? '');
      else if (name === 'rPh') phonetic--;
      else if (name === 't') inT = false;
    });
  });
  return strings;
}

const HEADER_FOOTER = new Set(['oddHeader', 'oddFooter', 'evenHeader', 'evenFooter', 'firstHeader', 'firstFooter']);

/**
 * Text of one worksheet: cells by row (tab between cells, a line per row) — shared strings, inline
 * strings, formula results and numbers — then the print headers and footers.
 *
 * @example
 * sheetText('<worksheet><sheetData><row><c t="s"><v>0</v></c></row></sheetData></worksheet>', ['秘']); // '秘'
 */
export function sheetText(xml: string, shared: readonly string[]): string {
  const rows: string[] = [];
  const headers: string[] = [];
  let row: string[] = [];
  let cellType = '';
  let cell = '';
  let capture: 'v' | 't' | 'hf' | undefined;
  let phonetic = 0;
  parseXml(xml, (p) => {
    p.on('opentag', (tag) => {
      const name = localName(tag.name);
      if (name === 'c') {
        cellType = typeof tag.attributes['t'] === 'string' ? tag.attributes['t'] : '';
        cell = '';
      } else if (name === 'v' || (name === 't' && phonetic === 0)) capture = name;
      else if (name === 'rPh') phonetic++;
      else if (HEADER_FOOTER.has(name)) capture = 'hf';
    });
    p.on('text', (t) => {
      if (capture === 'hf') headers.push(t);
      else if (capture) cell += t;
    });
    p.on('closetag', (tag) => {
      const name = localName(tag.name);
      if (name === 'v' || name === 't' || HEADER_FOOTER.has(name)) {
        if (capture === 'hf') headers.push('\n');
        capture = undefined;
      } else if (name === 'rPh') phonetic--;
      else if (name === 'c') {
        row.push(cellType === 's' ? (shared[Number(cell)] ?? '') : cellType === 'b' ? (cell === '1' ? 'TRUE' : 'FALSE') : cell);
      } else if (name === 'row') {
        while (row.length > 0 && row[row.length - 1] === '') row.pop();
        if (row.length > 0) rows.push(row.join('\t'));
        row = [];
      }
    });
  });
  const hf = stripHeaderCodes(headers.join('')).trim();
  return hf === '' ? rows.join('\n') : `${rows.join('\n')}\n${hf}`;
}

/**
 * Sheet names of a workbook (xl/workbook.xml), one `sheet: name` line each: tab names carry meaning
 * ("個人情報", "Payroll") and hidden sheets are listed too.
 *
 * @example
 * sheetNames('<workbook><sheets><sheet name="予算"/></sheets></workbook>'); // 'sheet: 予算'
 */
export function sheetNames(xml: string): string {
  const lines: string[] = [];
  parseXml(xml, (p) =>
    p.on('opentag', (tag) => {
      const name = tag.attributes['name'];
      if (localName(tag.name) === 'sheet' && typeof name === 'string') lines.push(`sheet: ${name}`);
    }),
  );
  return lines.join('\n');
}

/** Header/footer text carries layout codes (`&L`, `&"Arial,Bold"`, `&12`); `&&` is a literal ampersand. */
function stripHeaderCodes(s: string): string {
  return s
    .replace(/&&/g, '\u0000')
    .replace(/&(?:"[^"]*"|K[0-9A-Fa-f]{6}|\d+|[A-Za-z])/g, ' ')
    .replace(/\u0000/g, '&')
    .replace(/ {2,}/g, ' ');
}
