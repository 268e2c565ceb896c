import { makeZip } from './zip-writer.js';
import type { ZipInput } from './zip-writer.js';

const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
const A = 'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"';
const P = 'xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"';
const S = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
const decl = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

/**
 * Escapes text for XML content.
 *
 * @example
 * esc('a<b'); // 'a&lt;b'
 */
export const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * A WordprocessingML paragraph of plain runs.
 *
 * @example
 * makeDocx({ body: wp('予算は', '三億円') });
 */
export const wp = (...runs: string[]): string => `<w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="720"/></w:tabs></w:pPr>${runs.map((r) => `<w:r><w:t xml:space="preserve">${esc(r)}</w:t></w:r>`).join('')}</w:p>`;

/**
 * A ruby run: base text with its reading, as Word writes furigana.
 *
 * @example
 * makeDocx({ body: `<w:p>${wruby('機密', 'きみつ')}</w:p>` });
 */
export const wruby = (base: string, reading: string): string =>
  `<w:r><w:ruby><w:rubyPr><w:rubyAlign w:val="distributeSpace"/></w:rubyPr><w:rt><w:r><w:t>${esc(reading)}</w:t></w:r></w:rt><w:rubyBase><w:r><w:t>${esc(base)}</w:t></w:r></w:rubyBase></w:ruby></w:r>`;

export interface DocProps {
  readonly title?: string;
  readonly creator?: string;
  readonly company?: string;
  readonly custom?: Readonly<Record<string, string>>;
}

function propsEntries(p: DocProps): ZipInput[] {
  const out: ZipInput[] = [
    { name: 'docProps/core.xml', data: `${decl}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>${esc(p.title ?? '')}</dc:title><dc:creator>${esc(p.creator ?? '')}</dc:creator></cp:coreProperties>` },
    { name: 'docProps/app.xml', data: `${decl}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Company>${esc(p.company ?? '')}</Company></Properties>` },
  ];
  if (p.custom) {
    const props = Object.entries(p.custom)
      .map(([k, v], i) => `<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="${i + 2}" name="${esc(k)}"><vt:lpwstr>${esc(v)}</vt:lpwstr></property>`)
      .join('');
    out.push({ name: 'docProps/custom.xml', data: `${decl}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">${props}</Properties>` });
  }
  return out;
}

const contentTypes = (main: string): ZipInput => ({
  name: '[Content_Types].xml',
  data: `${decl}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="${main}" ContentType="application/xml"/></Types>`,
});

export interface DocxInput extends DocProps {
  /** Body XML: paragraphs made with `wp`. */
  readonly body: string;
  readonly header?: string;
  readonly footer?: string;
  readonly comment?: string;
  readonly footnote?: string;
  readonly extra?: readonly ZipInput[];
}

/**
 * A minimal .docx with body, header, footer, comment, footnote and properties.
 *
 * @example
 * makeDocx({ body: wp('機密性２') });
 */
export function makeDocx(d: DocxInput): Buffer {
  const entries: ZipInput[] = [
    contentTypes('/word/document.xml'),
    { name: 'word/document.xml', data: `${decl}<w:document ${W}><w:body>${d.body}<w:sectPr/></w:body></w:document>` },
    ...propsEntries(d),
  ];
  if (d.header) entries.push({ name: 'word/header1.xml', data: `${decl}<w:hdr ${W}>${wp(d.header)}</w:hdr>` });
  if (d.footer) entries.push({ name: 'word/footer1.xml', data: `${decl}<w:ftr ${W}>${wp(d.footer)}</w:ftr>` });
  if (d.comment) entries.push({ name: 'word/comments.xml', data: `${decl}<w:comments ${W}><w:comment w:id="0">${wp(d.comment)}</w:comment></w:comments>` });
  if (d.footnote) entries.push({ name: 'word/footnotes.xml', data: `${decl}<w:footnotes ${W}><w:footnote w:id="1">${wp(d.footnote)}</w:footnote></w:footnotes>` });
  return makeZip([...entries, ...(d.extra ?? [])]);
}

/** A cell: strings go to the shared-string table unless `inline`. */
export type Cell = string | number | { inline: string };

/**
 * A minimal .xlsx: one worksheet per entry of `sheets`, shared strings with a phonetic reading on
 * the first string, one inline string per `{inline}` cell.
 *
 * @example
 * makeXlsx({ 名簿: [['氏名', '個人番号'], ['山田', 123456789018]] });
 */
export function makeXlsx(sheets: Readonly<Record<string, readonly (readonly Cell[])[]>>, props: DocProps = {}, comment?: string): Buffer {
  const shared: string[] = [];
  const names = Object.keys(sheets);
  const sheetXml = names.map((n) => {
    const rows = (sheets[n] ?? []).map((row, r) => {
      const cells = row.map((c, i) => {
        const ref = `${String.fromCharCode(65 + i)}${r + 1}`;
        if (typeof c === 'number') return `<c r="${ref}"><v>${c}</v></c>`;
        if (typeof c === 'object') return `<c r="${ref}" t="inlineStr"><is><t>${esc(c.inline)}</t></is></c>`;
        shared.push(c);
        return `<c r="${ref}" t="s"><v>${shared.length - 1}</v></c>`;
      });
      return `<row r="${r + 1}">${cells.join('')}</row>`;
    });
    return `${decl}<worksheet ${S}><sheetData>${rows.join('')}</sheetData><headerFooter><oddFooter>&amp;L部外秘</oddFooter></headerFooter></worksheet>`;
  });
  const sst = shared.map((s, i) => (i === 0 ? `<si><t>${esc(s)}</t><rPh sb="0" eb="1"><t>ヨミ</t></rPh></si>` : `<si><t>${esc(s)}</t></si>`)).join('');
  const entries: ZipInput[] = [
    contentTypes('/xl/workbook.xml'),
    { name: 'xl/workbook.xml', data: `${decl}<workbook ${S}><sheets>${names.map((n, i) => `<sheet name="${esc(n)}" sheetId="${i + 1}"/>`).join('')}</sheets></workbook>` },
    { name: 'xl/sharedStrings.xml', data: `${decl}<sst ${S} count="${shared.length}">${sst}</sst>` },
    ...sheetXml.map((data, i) => ({ name: `xl/worksheets/sheet${i + 1}.xml`, data })),
    ...propsEntries(props),
  ];
  if (comment) entries.push({ name: 'xl/comments1.xml', data: `${decl}<comments ${S}><commentList><comment ref="A1"><text><r><t>${esc(comment)}</t></r></text></comment></commentList></comments>` });
  return makeZip(entries);
}

const slide = (root: string, paragraphs: readonly string[]): string =>
  `${decl}<p:${root} ${P} ${A}><p:cSld><p:spTree><p:sp><p:txBody>${paragraphs.map((t) => `<a:p><a:r><a:t>${esc(t)}</a:t></a:r></a:p>`).join('')}</p:txBody></p:sp></p:spTree></p:cSld></p:${root}>`;

/**
 * A minimal .pptx: slides (in the given order, named slide1..N), notes for some of them.
 *
 * @example
 * makePptx([['表紙', '極秘']], { 1: ['話す内容'] });
 */
export function makePptx(slides: readonly (readonly string[])[], notes: Readonly<Record<number, readonly string[]>> = {}, props: DocProps = {}): Buffer {
  return makeZip([
    contentTypes('/ppt/presentation.xml'),
    { name: 'ppt/presentation.xml', data: `${decl}<p:presentation ${P}/>` },
    ...slides.map((s, i) => ({ name: `ppt/slides/slide${i + 1}.xml`, data: slide('sld', s) })),
    ...Object.entries(notes).map(([n, s]) => ({ name: `ppt/notesSlides/notesSlide${n}.xml`, data: slide('notes', s) })),
    ...propsEntries(props),
  ]);
}
