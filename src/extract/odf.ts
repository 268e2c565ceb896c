import type { ExtractNode } from './node.js';
import { propertyLines } from './ooxml/props.js';
import { xmlString, xmlText } from './ooxml/xml.js';
import type { XmlTextSpec } from './ooxml/xml.js';
import type { ZipArchive } from './zip-reader.js';

/** ODF keeps text directly in paragraphs and headings (spans, links and notes nest inside them). */
const ODF_TEXT: XmlTextSpec = {
  text: new Set(['p', 'h']),
  paragraph: new Set(['p', 'h']),
  lineBreak: new Set(['line-break']),
  tab: new Set(['tab']),
  skip: new Set(['binary-data']),
};

/**
 * Whether a zip is an OpenDocument file (odt, ods, odp), by its `content.xml` and `mimetype` members.
 *
 * @example
 * isOdf(['mimetype', 'content.xml', 'meta.xml']); // true
 */
export function isOdf(names: readonly string[]): boolean {
  return names.includes('content.xml') && names.includes('mimetype');
}

/**
 * OpenDocument: body text (content.xml), headers and footers (styles.xml), properties (meta.xml) as metadata.
 *
 * @example
 * await readOdf(node, zip);
 */
export async function readOdf(node: ExtractNode, zip: ZipArchive): Promise<void> {
  const byName = new Map(zip.members.map((m) => [m.name, m] as const));
  const mimetype = byName.get('mimetype');
  const mediaType = mimetype ? new TextDecoder().decode(await zip.read(mimetype)).trim().slice(0, 100) : 'application/vnd.oasis.opendocument';
  for (const [name, kind] of [['content.xml', 'body'], ['styles.xml', 'body'], ['meta.xml', 'metadata']] as const) {
    const member = byName.get(name);
    if (!member) continue;
    const path = node.child(name);
    try {
      node.sink.budget.checkTime();
      const xml = xmlString(await zip.read(member));
      node.sink.text(path, kind, mediaType, kind === 'metadata' ? propertyLines(xml) : xmlText(xml, ODF_TEXT));
    } catch (e) {
      node.sink.fail(path, e);
    }
  }
}
