import type { Extraction } from '../../core/index.js';
import type { ExtractConfig } from '../config.js';
import { extract } from '../index.js';
import { splitUpload } from './split.js';

/** Options of `extractUpload`: what the HTTP request declared about its body. */
export interface ExtractUploadOptions {
  readonly contentType?: string | undefined;
  readonly contentEncoding?: string | undefined;
  /** File name of a raw body, e.g. the last segment of the URL path. */
  readonly name?: string | undefined;
  readonly limits: ExtractConfig;
}

/**
 * An HTTP upload body → one Extraction: the body is split as the receiving server would read it
 * (`splitUpload`: Content-Encoding, multipart fields and files, urlencoded, JSON and base64 payloads)
 * and every item goes through `extract`, so a docx inside a multipart form inside gzip is read too.
 *
 * @example
 * const x = await extractUpload(body, { contentType: 'multipart/form-data; boundary=x', limits: config.extract });
 * x.parts.map((p) => p.path); // ['upload/form/file=report.docx/word/document.xml', 'upload/form/comment']
 */
export async function extractUpload(body: Uint8Array, options: ExtractUploadOptions): Promise<Extraction> {
  const split = await splitUpload(body, options);
  const parts: Extraction['parts'] = [];
  const errors: Extraction['errors'] = [...split.errors];
  const reasons = [...split.unscannableReasons];
  const labels: Extraction['sensitivityLabels'] = [];
  for (const item of split.items) {
    const x = await extract(item.bytes, {
      name: item.path,
      ...(item.mediaType !== undefined ? { mediaType: item.mediaType } : {}),
      limits: options.limits,
    });
    parts.push(...x.parts);
    errors.push(...x.errors);
    reasons.push(...x.unscannableReasons);
    labels.push(...x.sensitivityLabels);
  }
  return {
    parts,
    errors,
    unscannable: reasons.length > 0,
    unscannableReasons: [...new Set(reasons)],
    sensitivityLabels: labels,
    bytes: body.byteLength,
  };
}
