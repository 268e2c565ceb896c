import type { ExtractNode } from '../node.js';
import type { ZipArchive, ZipMember } from '../zip-reader.js';
import { OOXML_MEDIA_TYPES, partsOf } from './parts.js';
import type { OoxmlKind } from './parts.js';
import { customProperties, labelInfo, msipLabels, propertyLines } from './props.js';
import { sharedStrings, sheetNames, sheetText } from './xlsx.js';
import { xmlString, xmlText } from './xml.js';

export type { OoxmlKind } from './parts.js';

/**
 * Which Office Open XML document a zip is, from its member names.
 *
 * @example
 * ooxmlKind(['[Content_Types].xml', 'word/document.xml']); // 'docx'
 */
export function ooxmlKind(names: readonly string[]): OoxmlKind | undefined {
  const set = new Set(names);
  if (set.has('word/document.xml')) return 'docx';
  if (set.has('xl/workbook.xml')) return 'xlsx';
  if (set.has('ppt/presentation.xml')) return 'pptx';
  return undefined;
}

/**
 * Reads the text-bearing parts of a docx/xlsx/pptx: body, sheets, slides, notes, headers/footers,
 * comments, footnotes, document properties (as metadata) and sensitivity labels; embedded files are
 * extracted one level deeper.
 *
 * @example
 * await readOoxml(node, zip, 'docx');
 */
export async function readOoxml(node: ExtractNode, zip: ZipArchive, kind: OoxmlKind): Promise<void> {
  const mediaType = OOXML_MEDIA_TYPES[kind];
  const byName = new Map(zip.members.map((m) => [m.name, m] as const));
  const load = async (m: ZipMember): Promise<string | undefined> => {
    try {
      return xmlString(await zip.read(m));
    } catch (e) {
      node.sink.fail(node.child(m.name), e);
      return undefined;
    }
  };
  let shared: string[] = [];
  const sst = byName.get('xl/sharedStrings.xml');
  if (kind === 'xlsx' && sst) {
    const xml = await load(sst);
    if (xml !== undefined) shared = guard(node, sst.name, () => sharedStrings(xml)) ?? [];
  }
  for (const { member, role, spec } of partsOf(kind, zip.members)) {
    if (node.sink.budget.exhausted) return;
    node.sink.budget.checkTime();
    const path = node.child(member.name);
    if (role === 'embedded') {
      const data = await zip.read(member).catch((e: unknown) => void node.sink.fail(path, e));
      if (data) await node.nested(data, member.name);
      continue;
    }
    const xml = await load(member);
    if (xml === undefined) continue;
    guard(node, member.name, () => {
      if (role === 'workbook') node.sink.text(path, 'metadata', mediaType, sheetNames(xml));
      else if (role === 'sheet') node.sink.text(path, 'body', mediaType, sheetText(xml, shared));
      else if (role === 'properties') node.sink.text(path, 'metadata', mediaType, propertyLines(xml));
      else if (role === 'custom') {
        const props = customProperties(xml);
        node.sink.text(path, 'metadata', mediaType, [...props].map(([k, v]) => `${k}: ${v}`).join('\n'));
        for (const label of msipLabels(props, path)) node.sink.label(label);
      } else if (role === 'labelinfo') {
        const known = new Set(node.sink.labels.map((l) => l.id));
        for (const label of labelInfo(xml, path)) if (!known.has(label.id)) node.sink.label(label);
      } else if (spec) node.sink.text(path, 'body', mediaType, xmlText(xml, spec));
    });
  }
}

function guard<T>(node: ExtractNode, name: string, run: () => T): T | undefined {
  try {
    node.sink.budget.checkTime();
    return run();
  } catch (e) {
    node.sink.fail(node.child(name), e);
    return undefined;
  }
}
