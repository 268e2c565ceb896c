// PLACEHOLDER until the extraction module lands: decodes UTF-8 only.
import type { Extraction } from '../core/index.js';
import type { ExtractConfig } from './config.js';

export { extractConfigSchema, type ExtractConfig } from './config.js';

/** Options of `extract`. */
export interface ExtractOptions {
  /** File name or container path of the input, used for format hints and part paths. */
  readonly name?: string;
  /** Declared media type (e.g. an upload's Content-Type), a hint only: content is sniffed. */
  readonly mediaType?: string;
  /** Declared Content-Encoding of an HTTP body (gzip, deflate, br), decoded before anything else. */
  readonly contentEncoding?: string;
  readonly limits: ExtractConfig;
}

/**
 * Bytes in, text parts out.
 *
 * @example
 * const x = await extract(bytes, { name: '予算.docx', limits: config.extract });
 */
export async function extract(input: Uint8Array, options: ExtractOptions): Promise<Extraction> {
  const text = new TextDecoder('utf-8').decode(input);
  return {
    parts: [{ path: options.name ?? '-', kind: 'body', mediaType: 'text/plain', text }],
    errors: [],
    unscannable: false,
    unscannableReasons: [],
    sensitivityLabels: [],
    bytes: input.byteLength,
  };
}
