import { MamoriError } from '../core/index.js';
import type { Extraction } from '../core/index.js';
import type { ExtractConfig } from './config.js';
import { Sink } from './context.js';
import { extractNode } from './dispatch.js';
import type { MediaTypeHandlers } from './dispatch.js';
import { contentCoding, inflateBounded } from './gzip.js';
import { Budget } from './limits.js';

export { extractConfigSchema, type ExtractConfig } from './config.js';
export { decodeText, detectEncoding, type DecodedText, type TextEncodingName } from './text-decode.js';
export { htmlToText } from './html.js';
export { FORMAT_HANDLERS, type MediaTypeHandlers } from './dispatch.js';
export type { Handler, ExtractNode } from './node.js';
export { sniff, type FormatKind, type Sniffed } from './sniff.js';
export { extractUpload, splitUpload, type ExtractUploadOptions, type UploadItem, type UploadSplit } from './upload/index.js';

/** Options of `extract`. */
export interface ExtractOptions {
  /** File name or container path of the input, used for format hints and part paths. */
  readonly name?: string;
  /** Declared media type (e.g. an upload's Content-Type), a hint only: content is sniffed. */
  readonly mediaType?: string;
  /** Declared Content-Encoding of an HTTP body (gzip, deflate, br), decoded before anything else. */
  readonly contentEncoding?: string;
  readonly limits: ExtractConfig;
  /**
   * Readers for declared media types that content sniffing cannot recognise (multipart/form-data,
   * application/x-www-form-urlencoded, ...), keyed by lower-case media type without parameters.
   */
  readonly handlers?: MediaTypeHandlers;
}

/**
 * Bytes in, text parts out. Never throws for bad input: failures are per-part `errors`, and content
 * that could not be inspected makes the result `unscannable` with reasons.
 *
 * @example
 * const x = await extract(bytes, { name: '予算.docx', limits: config.extract });
 * x.parts[0]?.path; // '予算.docx/word/document.xml'
 */
export async function extract(input: Uint8Array, options: ExtractOptions): Promise<Extraction> {
  const budget = new Budget(options.limits);
  const sink = new Sink(budget);
  const path = options.name ?? '-';
  if (input.byteLength > options.limits.maxInputBytes) {
    sink.fail(path, new MamoriError('ERR_LIMIT', `input of ${input.byteLength} bytes is larger than ${options.limits.maxInputBytes}`));
    return result(sink, input);
  }
  let bytes = input;
  try {
    for (const coding of contentCoding(options.contentEncoding ?? '').reverse()) bytes = inflateBounded(bytes, coding, budget);
  } catch (e) {
    sink.fail(path, e);
    if (e instanceof MamoriError && e.code !== 'ERR_UNSUPPORTED') return result(sink, input);
  }
  const hints = { ...(options.name !== undefined ? { name: options.name } : {}), ...(options.mediaType !== undefined ? { mediaType: options.mediaType } : {}) };
  await extractNode(sink, bytes, path, 0, hints, options.handlers ?? {});
  return result(sink, input);
}

function result(sink: Sink, input: Uint8Array): Extraction {
  if (sink.suppressedErrors > 0) {
    const first = sink.errors[0]?.path ?? '-';
    sink.errors.push({ path: first, code: 'ERR_LIMIT', message: `${sink.suppressedErrors} more errors were not listed` });
  }
  return {
    parts: sink.parts,
    errors: sink.errors,
    unscannable: sink.reasons.length > 0,
    unscannableReasons: [...new Set(sink.reasons)],
    sensitivityLabels: sink.labels,
    bytes: input.byteLength,
  };
}
