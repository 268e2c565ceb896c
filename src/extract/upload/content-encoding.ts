import { promisify } from 'node:util';
import * as zlib from 'node:zlib';
import type { UploadSink } from './sink.js';

const gunzip = promisify(zlib.gunzip);
const inflate = promisify(zlib.inflate);
const inflateRaw = promisify(zlib.inflateRaw);
const brotli = promisify(zlib.brotliDecompress);

/** Stacked encodings past this many are refused: nobody legitimately gzips a body five times. */
const MAX_LAYERS = 4;

type Decoder = (input: Buffer, options: zlib.ZlibOptions & zlib.BrotliOptions) => Promise<Buffer>;

/** zlib-wrapped deflate (RFC 1950) starts with a CMF/FLG pair whose 16-bit value is a multiple of 31. */
function isZlibWrapped(b: Buffer): boolean {
  return b.length >= 2 && (b[0]! & 0x0f) === 8 && ((b[0]! << 8) | b[1]!) % 31 === 0;
}

function decoderFor(coding: string, input: Buffer): Decoder | 'identity' | undefined {
  switch (coding) {
    case 'gzip':
    case 'x-gzip':
      return gunzip;
    case 'deflate':
      // "deflate" is meant to be zlib-wrapped, but clients send raw deflate too.
      return isZlibWrapped(input) ? inflate : inflateRaw;
    case 'br':
      return brotli;
    case 'identity':
    case '':
      return 'identity';
    default:
      return undefined;
  }
}

/**
 * Undoes a Content-Encoding stack (`gzip, br` was applied gzip first, so br is undone first). Output is
 * bounded by `maxBytes` and by `maxRatio` × the encoded size (decompression bombs): past either, ERR_LIMIT.
 * A body that cannot be decoded goes on as it is, with the error noted.
 *
 * @example
 * const body = await decodeContentEncoding(bytes, 'gzip', { maxBytes: 64 << 20, maxRatio: 200 }, sink);
 */
export async function decodeContentEncoding(body: Buffer, header: string | undefined, limits: { maxBytes: number; maxRatio: number }, sink: UploadSink): Promise<Buffer> {
  const codings = (header ?? '').split(',').map((c) => c.trim().toLowerCase()).filter((c) => c && c !== 'identity');
  if (codings.length === 0) return body;
  if (codings.length > MAX_LAYERS) {
    sink.error('upload/body', 'ERR_LIMIT', `Content-Encoding stacks ${codings.length} layers (at most ${MAX_LAYERS}); body not decoded`, true);
    return body;
  }
  // Small bodies get a floor so a short gzip of a normal form is never refused for its ratio.
  const maxOutputLength = Math.min(limits.maxBytes, Math.max(body.length * limits.maxRatio, 1 << 20));
  let data = body;
  for (const coding of codings.reverse()) {
    const decoder = decoderFor(coding, data);
    if (decoder === 'identity') continue;
    if (!decoder) {
      sink.error('upload/body', 'ERR_UNSUPPORTED', `Content-Encoding "${coding}" is not supported; body inspected as sent`, true);
      return data;
    }
    if (coding.endsWith('gzip') && !(data[0] === 0x1f && data[1] === 0x8b)) {
      // Mislabelled: proxies and clients sometimes declare gzip for a body they already decoded.
      sink.error('upload/body', 'ERR_PARSE', `Content-Encoding says ${coding} but the body is not gzip; inspected as sent`);
      continue;
    }
    try {
      data = await decoder(data, { maxOutputLength });
    } catch (e) {
      const err = e as NodeJS.ErrnoException;
      if (err.code === 'ERR_BUFFER_TOO_LARGE' || err instanceof RangeError) {
        sink.error('upload/body', 'ERR_LIMIT', `${coding} body expands past ${maxOutputLength} bytes (ratio limit ${limits.maxRatio}× of ${body.length} bytes, cap ${limits.maxBytes}); not inspected`, true);
        return Buffer.alloc(0);
      }
      data = await salvage(decoder, data, maxOutputLength, coding, err, sink);
    }
  }
  return data;
}

/** A truncated or corrupt stream: keep what decodes (sync flush) and say the rest was not inspected. */
async function salvage(decoder: Decoder, data: Buffer, maxOutputLength: number, coding: string, err: Error, sink: UploadSink): Promise<Buffer> {
  try {
    const flush = coding === 'br' ? { flush: zlib.constants.BROTLI_OPERATION_FLUSH, finishFlush: zlib.constants.BROTLI_OPERATION_FLUSH } : { finishFlush: zlib.constants.Z_SYNC_FLUSH };
    const partial = await decoder(data, { maxOutputLength, ...flush });
    if (partial.length > 0) {
      sink.error('upload/body', 'ERR_PARSE', `${coding} body is damaged (${err.message}); inspected the ${partial.length} bytes that decoded`, true);
      return partial;
    }
  } catch {}
  sink.error('upload/body', 'ERR_PARSE', `${coding} body cannot be decoded (${err.message}); inspected as sent`, true);
  return data;
}
