import { decodeContentEncoding } from './content-encoding.js';
import type { SplitContext } from './context.js';
import { splitJson } from './json.js';
import { isJsonType, parseMediaType } from './media-type.js';
import { splitMultipart } from './multipart.js';
import { UploadSink } from './sink.js';
import type { UploadOptions, UploadSplit } from './types.js';
import { splitUrlencoded } from './urlencoded.js';

/**
 * Reads an HTTP upload body as the server would: undoes Content-Encoding (gzip, deflate raw or zlib, br,
 * stacked; bounded against bombs), then splits multipart (every field and file), urlencoded forms and JSON
 * (strings, numbers, base64 and data: URL payloads) into items for `extract()`. Other bodies are one item.
 * Never throws for bad input: problems are `errors`, and content left uninspected makes it `unscannable`.
 *
 * @example
 * const split = await splitUpload(body, { contentType: 'multipart/form-data; boundary=x', contentEncoding: 'gzip', limits: config.extract });
 * for (const item of split.items) await extract(item.bytes, { name: item.name ?? item.path, mediaType: item.mediaType, limits });
 */
export async function splitUpload(input: Uint8Array, options: UploadOptions): Promise<UploadSplit> {
  const { limits } = options;
  const maxParts = options.maxParts ?? limits.maxEntries;
  const sink = new UploadSink(maxParts);
  const raw = Buffer.isBuffer(input) ? input : Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  const body = await decodeContentEncoding(raw, options.contentEncoding, { maxBytes: options.maxDecodedBytes ?? limits.maxExpandedBytes, maxRatio: limits.maxRatio }, sink);
  const ctx: SplitContext = {
    sink,
    maxParts,
    maxDepth: limits.maxDepth,
    maxJsonDepth: options.maxJsonDepth ?? 64,
    minBase64Bytes: options.minBase64Bytes ?? 32,
  };
  const type = parseMediaType(options.contentType);
  const charset = type.params.get('charset');
  if (body.length > 0) {
    if (type.type === 'multipart/form-data') splitMultipart(body, type, 'upload/form', 0, ctx);
    else if (type.type.startsWith('multipart/')) splitMultipart(body, type, 'upload/multipart', 0, ctx);
    else if (type.type === 'application/x-www-form-urlencoded') splitUrlencoded(body, charset, ctx);
    else if (!(looksJson(type.type, body) && splitJson(body, charset, ctx))) {
      if (isJsonType(type.type)) sink.error('upload/body', 'ERR_PARSE', 'body declared as JSON is not valid JSON; inspected as sent');
      sink.add({ path: 'upload/body', ...(options.name ? { name: options.name } : {}), ...(options.contentType ? { mediaType: options.contentType } : {}), bytes: body });
    }
  }
  return { items: sink.items, errors: sink.errors, unscannable: sink.reasons.length > 0, unscannableReasons: sink.reasons, decodedBytes: body.length };
}

/** Declared JSON, or an undeclared/generic body that starts like a JSON object or array. */
function looksJson(type: string, body: Buffer): boolean {
  if (isJsonType(type)) return true;
  if (type !== '' && type !== 'text/plain' && type !== 'application/octet-stream') return false;
  let i = 0;
  if (body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf) i = 3;
  while (i < body.length && (body[i] === 0x20 || body[i] === 0x0a || body[i] === 0x0d || body[i] === 0x09)) i++;
  return body[i] === 0x7b || body[i] === 0x5b;
}
