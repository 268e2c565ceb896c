import type { PartError } from '../../core/index.js';
import type { ExtractConfig } from '../config.js';

/** One piece of an upload body to hand to `extract()`: a form field, a file, a JSON payload, the raw body. */
export interface UploadItem {
  /** `upload/form/file=report.docx`, `upload/form/comment`, `upload/json`, `upload/json/$.attachments[0].data`, `upload/body`. */
  readonly path: string;
  /** File name as the client sent it (basename), used as `extract()`'s `name` hint. */
  readonly name?: string;
  /** Form field name, when the item is a form field or file. */
  readonly field?: string;
  /** Declared (or known) media type, `extract()`'s `mediaType` hint. */
  readonly mediaType?: string;
  readonly bytes: Uint8Array;
}

/** The result of `splitUpload`. */
export interface UploadSplit {
  readonly items: UploadItem[];
  /** Per-item (or whole-body) problems; parsing goes on past them. */
  readonly errors: PartError[];
  /** True when some of the body could not be inspected (limits, undecodable encoding, depth). */
  readonly unscannable: boolean;
  readonly unscannableReasons: string[];
  /** Body size after Content-Encoding was undone. */
  readonly decodedBytes: number;
}

/** The extraction limits the splitter honours, as in the `extract:` config section. */
export type UploadLimits = Pick<ExtractConfig, 'maxExpandedBytes' | 'maxRatio' | 'maxEntries' | 'maxDepth'>;

export interface UploadOptions {
  /** Declared Content-Type of the body (with its boundary/charset parameters). */
  readonly contentType?: string | undefined;
  /** Declared Content-Encoding (`gzip`, `deflate`, `br`, `identity`, or a stack such as `gzip, br`). */
  readonly contentEncoding?: string | undefined;
  /** File name of a raw body (from the URL), passed on to its item. */
  readonly name?: string | undefined;
  readonly limits: UploadLimits;
  /** Most bytes the decoded body may reach; default `limits.maxExpandedBytes`. */
  readonly maxDecodedBytes?: number;
  /** Most items (fields, files, payloads); default `limits.maxEntries`. */
  readonly maxParts?: number;
  /** Deepest JSON nesting walked; default 64. */
  readonly maxJsonDepth?: number;
  /** Shortest decoded base64 payload taken out of a string; default 32 bytes. */
  readonly minBase64Bytes?: number;
}
