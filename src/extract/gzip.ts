import { brotliDecompressSync, gunzipSync, inflateRawSync, inflateSync } from 'node:zlib';
import { MamoriError } from '../core/index.js';
import type { Budget } from './limits.js';
import type { Handler } from './node.js';
import { baseName } from './paths.js';

export type ContentCoding = 'gzip' | 'deflate' | 'br';

/**
 * Inflates gzip, zlib/raw deflate or brotli in one go, stopping at the budget's cap: zlib aborts once
 * `maxOutputLength` bytes came out, so a bomb costs at most the cap, never its claimed size.
 *
 * @example
 * const plain = inflateBounded(body, 'gzip', budget);
 */
export function inflateBounded(bytes: Uint8Array, coding: ContentCoding, budget: Budget): Buffer {
  const cap = budget.inflateCap(bytes.byteLength);
  // One byte over the cap tells "exactly the cap" from "more than the cap".
  const options = { maxOutputLength: Math.max(1, cap + 1) };
  let out: Buffer;
  try {
    if (coding === 'gzip') out = gunzipSync(bytes, options);
    else if (coding === 'br') out = brotliDecompressSync(bytes, options);
    else out = bytes[0] !== undefined && (bytes[0] & 0x0f) === 8 && ((bytes[0] << 8) | (bytes[1] ?? 0)) % 31 === 0 ? inflateSync(bytes, options) : inflateRawSync(bytes, options);
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (err.code === 'ERR_BUFFER_TOO_LARGE' || err instanceof RangeError) budget.overflow(bytes.byteLength, `${coding} data`);
    throw new MamoriError('ERR_PARSE', `${coding} data is corrupt or truncated: ${err.message}`, { cause: e });
  }
  if (out.length > cap) budget.overflow(bytes.byteLength, `${coding} data`);
  budget.spendExpanded(out.length);
  return out;
}

/**
 * Content-Encoding value to a coding, `identity`/empty to undefined; unknown codings are an error.
 *
 * @example
 * contentCoding('x-gzip'); // 'gzip'
 */
export function contentCoding(value: string): ContentCoding[] {
  const codings: ContentCoding[] = [];
  for (const raw of value.split(',')) {
    const v = raw.trim().toLowerCase();
    if (v === '' || v === 'identity') continue;
    if (v === 'gzip' || v === 'x-gzip') codings.push('gzip');
    else if (v === 'deflate') codings.push('deflate');
    else if (v === 'br') codings.push('br');
    else throw new MamoriError('ERR_UNSUPPORTED', `content encoding "${v}" is not supported; the body was read as is`);
  }
  return codings;
}

/** Name a gzip member had before compression: the header's FNAME field, else the outer name less `.gz`. */
function innerName(bytes: Uint8Array, outer: string): string {
  const flags = bytes[3] ?? 0;
  if (flags & 0x08) {
    let i = 10;
    if (flags & 0x04) i += 2 + ((bytes[10] ?? 0) | ((bytes[11] ?? 0) << 8));
    const end = bytes.indexOf(0, i);
    if (end > i && end - i < 1024) return new TextDecoder('latin1').decode(bytes.subarray(i, end));
  }
  const base = baseName(outer);
  if (/\.t?gz$/i.test(base)) return base.replace(/\.tgz$/i, '.tar').replace(/\.gz$/i, '');
  return 'content';
}

/**
 * gzip files: inflated under the limits, the content extracted one level deeper.
 *
 * @example
 * await gzipHandler(node); // logs.txt.gz → logs.txt.gz/logs.txt
 */
export const gzipHandler: Handler = async (node) => {
  const inner = inflateBounded(node.bytes, 'gzip', node.sink.budget);
  await node.nested(inner, innerName(node.bytes, node.path));
};
