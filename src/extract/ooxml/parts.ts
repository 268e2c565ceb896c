import type { ZipMember } from '../zip-reader.js';
import type { XmlTextSpec } from './xml.js';

export type OoxmlKind = 'docx' | 'xlsx' | 'pptx';

/**
 * Media types of the Office Open XML documents.
 *
 * @example
 * OOXML_MEDIA_TYPES.docx; // 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'
 */
export const OOXML_MEDIA_TYPES: Readonly<Record<OoxmlKind, string>> = Object.freeze({
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
});

const set = (...names: string[]): ReadonlySet<string> => new Set(names);

/** WordprocessingML: runs' text, deleted text of tracked changes (it still leaves with the file), no ruby readings. */
const WORD: XmlTextSpec = {
  text: set('t', 'delText'),
  paragraph: set('p', 'tr'),
  lineBreak: set('br', 'cr'),
  tab: set('tab', 'tc'),
  skip: set('rt', 'instrText', 'delInstrText', 'Fallback', 'pPr', 'rPr', 'tblPr', 'sectPr'),
};

/** DrawingML (slides, notes, text boxes) and the comment formats of PowerPoint and Excel. */
const DRAWING: XmlTextSpec = {
  text: set('t', 'text'),
  paragraph: set('p', 'cm', 'comment', 'threadedComment'),
  lineBreak: set('br'),
  tab: set(),
  skip: set('Fallback', 'rPh'),
};

export type PartRole = 'text' | 'workbook' | 'sheet' | 'properties' | 'custom' | 'labelinfo' | 'embedded';

const COMMON: readonly [RegExp, PartRole, XmlTextSpec?][] = [
  [/^docProps\/(core|app)\.xml$/, 'properties'],
  [/^docProps\/custom\.xml$/, 'custom'],
  [/^docMetadata\/LabelInfo\.xml$/i, 'labelinfo'],
];

const RULES: Readonly<Record<OoxmlKind, readonly [RegExp, PartRole, XmlTextSpec?][]>> = {
  docx: [
    [/^word\/document\.xml$/, 'text', WORD],
    [/^word\/(header|footer)\d*\.xml$/, 'text', WORD],
    [/^word\/(footnotes|endnotes|comments|commentsExtended)\.xml$/, 'text', WORD],
    [/^word\/embeddings\//, 'embedded'],
    ...COMMON,
  ],
  xlsx: [
    [/^xl\/workbook\.xml$/, 'workbook'],
    [/^xl\/worksheets\/sheet\d+\.xml$/, 'sheet'],
    [/^xl\/comments\d*\.xml$/, 'text', DRAWING],
    [/^xl\/threadedComments\/[^/]+\.xml$/, 'text', DRAWING],
    [/^xl\/drawings\/drawing\d+\.xml$/, 'text', DRAWING],
    [/^xl\/embeddings\//, 'embedded'],
    ...COMMON,
  ],
  pptx: [
    [/^ppt\/slides\/slide\d+\.xml$/, 'text', DRAWING],
    [/^ppt\/notesSlides\/notesSlide\d+\.xml$/, 'text', DRAWING],
    [/^ppt\/slideMasters\/slideMaster\d+\.xml$/, 'text', DRAWING],
    [/^ppt\/comments\/[^/]+\.xml$/, 'text', DRAWING],
    [/^ppt\/embeddings\//, 'embedded'],
    ...COMMON,
  ],
};

/** Member names in reading order: slide2 before slide10. */
const natural = new Intl.Collator('en', { numeric: true });

/**
 * The members of an Office document worth reading, each with what it is, in reading order.
 *
 * @example
 * partsOf('docx', zip.members).map((p) => p.member.name); // ['word/document.xml', 'word/header1.xml', ...]
 */
export function partsOf(kind: OoxmlKind, members: readonly ZipMember[]): { member: ZipMember; role: PartRole; spec?: XmlTextSpec }[] {
  const rules = RULES[kind];
  const picked: { member: ZipMember; role: PartRole; spec?: XmlTextSpec; rank: number }[] = [];
  for (const member of members) {
    if (member.isDirectory) continue;
    const rank = rules.findIndex(([re]) => re.test(member.name));
    const rule = rules[rank];
    if (rule) picked.push({ member, role: rule[1], ...(rule[2] ? { spec: rule[2] } : {}), rank });
  }
  return picked.sort((a, b) => a.rank - b.rank || natural.compare(a.member.name, b.member.name));
}
