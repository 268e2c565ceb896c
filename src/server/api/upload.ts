import { MamoriError } from '../../core/index.js';

/**
 * Reads a multipart/form-data body of at most `maxBytes`, counting as it streams: a body that
 * declares no length, or lies about it, still cannot take more memory than the limit.
 *
 * @example
 * const form = await readLimitedForm(ctx.request, deps.config.extract.maxInputBytes + 65_536);
 */
export async function readLimitedForm(request: Request, maxBytes: number): Promise<FormData> {
  const type = request.headers.get('content-type') ?? '';
  if (!/^multipart\/form-data\b/i.test(type)) throw new MamoriError('ERR_UNSUPPORTED', 'send the file as multipart/form-data');
  if (Number(request.headers.get('content-length') ?? 0) > maxBytes) throw new MamoriError('ERR_LIMIT', `upload over ${maxBytes} bytes`);
  if (!request.body) throw new MamoriError('ERR_INPUT', 'empty body');
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = request.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw new MamoriError('ERR_LIMIT', `upload over ${maxBytes} bytes`);
    }
    chunks.push(value);
  }
  try {
    return await new Response(Buffer.concat(chunks), { headers: { 'content-type': type } }).formData();
  } catch {
    throw new MamoriError('ERR_INPUT', 'the multipart body could not be parsed');
  }
}
