import { SaxesParser } from 'saxes';
import { MamoriError } from '../../core/index.js';
import { decodeUtf8 } from '../text-decode.js';

/** Which elements (by local name, so any namespace prefix works) make up the text of an XML part. */
export interface XmlTextSpec {
  /** Character data inside these is text (`w:t`, `a:t`). */
  readonly text: ReadonlySet<string>;
  /** The end of these is a line break (paragraphs, rows). */
  readonly paragraph: ReadonlySet<string>;
  /** These empty elements are a line break (`w:br`, `a:br`). */
  readonly lineBreak: ReadonlySet<string>;
  readonly tab: ReadonlySet<string>;
  /** Subtrees ignored: ruby readings (`w:rt`), field codes, the duplicate fallback of alternate content. */
  readonly skip: ReadonlySet<string>;
}

/**
 * Local name of a qualified XML name.
 *
 * @example
 * localName('w:t'); // 't'
 */
export const localName = (qname: string): string => qname.slice(qname.indexOf(':') + 1);

/**
 * Decodes an XML part: UTF-8 unless a UTF-16 BOM says otherwise.
 *
 * @example
 * xmlString(bytes).startsWith('<?xml');
 */
export function xmlString(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes);
  return decodeUtf8(bytes);
}

/**
 * Runs saxes over a document, turning its errors into ERR_PARSE. saxes expands no DTD entities,
 * so entity bombs fail as undefined entities instead of expanding.
 *
 * @example
 * parseXml(xml, (p) => p.on('text', (t) => out.push(t)));
 */
export function parseXml(xml: string, wire: (parser: SaxesParser) => void): void {
  const parser = new SaxesParser();
  wire(parser);
  try {
    parser.write(xml).close();
  } catch (e) {
    throw new MamoriError('ERR_PARSE', `malformed XML: ${(e as Error).message.split('\n')[0] ?? ''}`, { cause: e });
  }
}

/**
 * The text of an Office XML part according to `spec`, paragraphs on their own lines.
 *
 * @example
 * xmlText('<w:p><w:r><w:t>機密</w:t></w:r></w:p>', DOCX_SPEC); // '機密'
 */
export function xmlText(xml: string, spec: XmlTextSpec): string {
  const out: string[] = [];
  let skipDepth = 0;
  let inText = 0;
  parseXml(xml, (p) => {
    p.on('opentag', (tag) => {
      const name = localName(tag.name);
      if (skipDepth > 0 || spec.skip.has(name)) {
        if (!tag.isSelfClosing) skipDepth++;
        return;
      }
      if (spec.text.has(name) && !tag.isSelfClosing) inText++;
      else if (spec.lineBreak.has(name)) out.push('\n');
      else if (spec.tab.has(name)) out.push('\t');
    });
    p.on('closetag', (tag) => {
      if (skipDepth > 0) {
        if (!tag.isSelfClosing) skipDepth--;
        return;
      }
      const name = localName(tag.name);
      if (spec.text.has(name) && !tag.isSelfClosing) inText--;
      if (spec.paragraph.has(name)) out.push('\n');
    });
    p.on('text', (t) => {
      if (inText > 0 && skipDepth === 0) out.push(t);
    });
    p.on('cdata', (t) => {
      if (inText > 0 && skipDepth === 0) out.push(t);
    });
  });
  return out.join('').replace(/\n{3,}/g, '\n\n').trim();
}
