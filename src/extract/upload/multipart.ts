import type { SplitContext } from './context.js';
import { addTextValue } from './field.js';
import { parseMediaType, type MediaType } from './media-type.js';
import { scanMultipart, parseHeaders, type RawPart } from './multipart-scan.js';
import { basename, decodeExtValue, decodeHeaderValue, segment } from './names.js';
import { decodeTransfer } from './transfer-encoding.js';

/**
 * Splits multipart/form-data (RFC 7578) and other multipart bodies into items: every field and file,
 * nested multipart/mixed included. Items land in `ctx.sink`.
 *
 * @example
 * splitMultipart(body, parseMediaType(contentType), 'upload/form', 0, ctx);
 */
export function splitMultipart(body: Buffer, type: MediaType, base: string, depth: number, ctx: SplitContext, outerField?: string): void {
  const boundary = type.params.get('boundary') ?? sniffBoundary(body);
  const scan = boundary ? scanMultipart(body, boundary, ctx.maxParts) : undefined;
  if (!scan) {
    ctx.sink.error(base, 'ERR_PARSE', boundary ? `multipart boundary "${boundary}" not found; body inspected as one piece` : 'multipart body without a boundary; inspected as one piece');
    ctx.sink.add({ path: base, bytes: body });
    return;
  }
  if (!scan.closed) ctx.sink.error(base, 'ERR_PARSE', `multipart body ends without its closing boundary; the last part runs to the end`);
  if (scan.truncated) ctx.sink.error(base, 'ERR_LIMIT', `more than ${ctx.maxParts} multipart parts; the rest was not inspected`, true);
  const charset = formCharset(scan.parts) ?? type.params.get('charset');
  scan.parts.forEach((part, i) => {
    if (!ctx.sink.full) splitPart(part, i, base, depth, ctx, charset, outerField);
  });
}

function splitPart(part: RawPart, index: number, base: string, depth: number, ctx: SplitContext, charset: string | undefined, outerField: string | undefined): void {
  const headers = parseHeaders(part.headers);
  const disposition = parseMediaType(headers.get('content-disposition'));
  const rawName = disposition.params.get('name');
  const field = rawName !== undefined ? unescapeFormName(decodeHeaderValue(rawName, charset)) : outerField;
  const ext = disposition.params.get('filename*');
  const plain = disposition.params.get('filename');
  const fileName = (ext !== undefined ? decodeExtValue(ext) : undefined) ?? (plain !== undefined ? basename(unescapeFormName(decodeHeaderValue(plain, charset))) : undefined);
  const contentType = headers.get('content-type');
  const type = parseMediaType(contentType);
  const name = field ?? `part${index + 1}`;
  const path = fileName !== undefined ? `${base}/${segment(name)}=${segment(fileName)}` : `${base}/${segment(name)}`;
  const bytes = decodeTransfer(part.body, headers.get('content-transfer-encoding'), path, ctx.sink);
  if (type.type.startsWith('multipart/')) {
    if (depth + 1 >= ctx.maxDepth) {
      ctx.sink.error(path, 'ERR_LIMIT', `multipart nested deeper than ${ctx.maxDepth}; inner parts not split`, true);
      ctx.sink.add({ path, bytes });
    } else splitMultipart(bytes, type, path, depth + 1, ctx, field);
    return;
  }
  if (fileName !== undefined) {
    // A file input left empty arrives as filename="" with no content.
    if (fileName === '' && bytes.length === 0) return;
    ctx.sink.add({ path, name: fileName, ...(field !== undefined ? { field } : {}), ...(contentType ? { mediaType: contentType } : {}), bytes });
    return;
  }
  const mediaType = contentType ?? (charset ? `text/plain; charset=${charset}` : undefined);
  addTextValue({ path, ...(field !== undefined ? { field } : {}), ...(mediaType ? { mediaType } : {}), bytes }, ctx);
}

/** The HTML form's `_charset_` field carries the encoding the browser used for names and values. */
function formCharset(parts: readonly RawPart[]): string | undefined {
  for (const p of parts) {
    const cd = parseMediaType(parseHeaders(p.headers).get('content-disposition'));
    if (cd.params.get('name') === '_charset_') {
      const v = p.body.toString('latin1').trim();
      if (/^[A-Za-z0-9_.:-]{1,40}$/.test(v)) return v;
    }
  }
  return undefined;
}

/** Browsers escape `"`, CR and LF in names as %22, %0D, %0A (HTML multipart/form-data encoding). */
function unescapeFormName(name: string): string {
  return name.replace(/%22/g, '"').replace(/%0D/gi, '\r').replace(/%0A/gi, '\n');
}

/** A client that omitted the boundary parameter still starts the body with `--boundary`. */
function sniffBoundary(body: Buffer): string | undefined {
  const head = body.subarray(0, 256).toString('latin1');
  const m = /^(?:\r?\n)*--([^\r\n]{1,200}?)[ \t]*\r?\n/.exec(head);
  return m?.[1];
}
