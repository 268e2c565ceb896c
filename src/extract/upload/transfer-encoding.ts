import type { UploadSink } from './sink.js';

/**
 * Undoes a part's Content-Transfer-Encoding (RFC 7578 deprecates it, but mail-minded clients send base64
 * and quoted-printable).
 *
 * @example
 * decodeTransfer(Buffer.from('5pel5pys'), 'base64', 'upload/form/x', sink).toString(); // '日本'
 */
export function decodeTransfer(body: Buffer, encoding: string | undefined, path: string, sink: UploadSink): Buffer {
  const e = encoding?.trim().toLowerCase();
  if (!e || e === '7bit' || e === '8bit' || e === 'binary') return body;
  if (e === 'base64') return Buffer.from(body.toString('latin1').replace(/[^A-Za-z0-9+/=_-]/g, ''), 'base64');
  if (e === 'quoted-printable') return decodeQuotedPrintable(body);
  sink.error(path, 'ERR_UNSUPPORTED', `Content-Transfer-Encoding "${encoding}" is not supported; part inspected as sent`);
  return body;
}

function decodeQuotedPrintable(body: Buffer): Buffer {
  const out = Buffer.allocUnsafe(body.length);
  let n = 0;
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (c !== 0x3d) {
      out[n++] = c;
      continue;
    }
    const hex = body.subarray(i + 1, i + 3).toString('latin1');
    if (/^[0-9A-Fa-f]{2}$/.test(hex)) {
      out[n++] = parseInt(hex, 16);
      i += 2;
    } else if (body[i + 1] === 0x0d && body[i + 2] === 0x0a) i += 2; // soft line break
    else if (body[i + 1] === 0x0a) i += 1;
    else out[n++] = c;
  }
  return out.subarray(0, n);
}
