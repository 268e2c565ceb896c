import { MamoriError } from '../core/index.js';
import { findAppendedZip } from './appended-zip.js';
import type { Sink } from './context.js';
import { emlHandler } from './eml.js';
import { gzipHandler } from './gzip.js';
import type { Handler, ExtractNode } from './node.js';
import { oleHandler } from './msg.js';
import { joinPath, baseName } from './paths.js';
import { pdfHandler } from './pdf.js';
import { sniff } from './sniff.js';
import type { FormatKind, SniffHints } from './sniff.js';
import { binaryHandler } from './strings.js';
import { tarHandler } from './tar.js';
import { htmlHandler, textHandler } from './text.js';
import { zipHandler } from './zip.js';

/** Images, audio and video: no text to read; recorded as a note, not as unscannable. */
const mediaHandler: Handler = async () => {};

const unsupportedArchive: Handler = async (node) => {
  throw new MamoriError('ERR_UNSUPPORTED', `${node.mediaType} archives are not read; their content was not inspected`);
};

/**
 * The format readers by sniffed kind.
 *
 * @example
 * FORMAT_HANDLERS.pdf === pdfHandler;
 */
export const FORMAT_HANDLERS: Readonly<Record<FormatKind, Handler>> = Object.freeze({
  zip: zipHandler,
  gzip: gzipHandler,
  tar: tarHandler,
  pdf: pdfHandler,
  ole: oleHandler,
  eml: emlHandler,
  html: htmlHandler,
  text: textHandler,
  media: mediaHandler,
  'unsupported-archive': unsupportedArchive,
  binary: binaryHandler,
});

/** Extra readers keyed by declared media type (e.g. multipart/form-data), tried before sniffing. */
export type MediaTypeHandlers = Readonly<Record<string, Handler>>;

/**
 * Extracts one file at one place in the container tree: depth check, sniff, the matching handler.
 * A handler's failure becomes a per-part error; it never escapes.
 *
 * @example
 * await extractNode(sink, bytes, 'report.zip', 0, { name: 'report.zip' }, {});
 */
export async function extractNode(sink: Sink, bytes: Uint8Array, path: string, depth: number, hints: SniffHints, byMediaType: MediaTypeHandlers): Promise<void> {
  const limits = sink.budget.limits;
  if (depth > limits.maxDepth) {
    sink.fail(path, new MamoriError('ERR_LIMIT', `nested deeper than ${limits.maxDepth} containers`));
    return;
  }
  try {
    sink.budget.checkTime();
  } catch (e) {
    sink.fail(path, e);
    return;
  }
  const declared = hints.mediaType?.toLowerCase().split(';')[0]?.trim() ?? '';
  const sniffed = sniff(bytes, hints);
  const custom = byMediaType[declared];
  const node: ExtractNode = {
    bytes,
    path,
    depth,
    mediaType: custom ? declared : sniffed.mediaType,
    sink,
    child: (name) => joinPath(path, name, limits.maxNameChars),
    nested: (data, name, childHints) =>
      extractNode(sink, data, joinPath(path, name, limits.maxNameChars), depth + 1, { name: baseName(name), ...childHints }, byMediaType),
  };
  try {
    await (custom ?? FORMAT_HANDLERS[sniffed.kind])(node);
  } catch (e) {
    sink.fail(path, e);
  }
  // An archive hidden behind an image or an executable is read too: a classic way past content filters.
  if (!custom && (sniffed.kind === 'media' || sniffed.kind === 'binary')) {
    const zip = findAppendedZip(bytes);
    if (zip) await node.nested(zip, 'appended.zip');
  }
}
