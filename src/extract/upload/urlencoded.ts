import type { SplitContext } from './context.js';
import { addTextValue } from './field.js';
import { decodeName, percentDecode, segment } from './names.js';

/** Field names longer than this are also inspected as content. */
const MAX_PLAIN_NAME_BYTES = 64;

/**
 * Splits application/x-www-form-urlencoded into one item per field (`upload/form/<name>`), values
 * percent-decoded to bytes (`+` is a space, malformed escapes stay literal). Names are decoded with the
 * declared charset or `_charset_` field, else detected (UTF-8, Shift_JIS, EUC-JP).
 *
 * @example
 * splitUrlencoded(Buffer.from('name=%E7%94%B0%E4%B8%AD&note=a+b'), undefined, ctx);
 */
export function splitUrlencoded(body: Buffer, declaredCharset: string | undefined, ctx: SplitContext): void {
  const text = body.toString('latin1');
  const pairs: [Buffer, Buffer][] = [];
  let start = 0;
  while (start <= text.length) {
    if (pairs.length >= ctx.maxParts) {
      ctx.sink.error('upload/form', 'ERR_LIMIT', `more than ${ctx.maxParts} form fields; the rest was not inspected`, true);
      break;
    }
    let end = text.indexOf('&', start);
    if (end < 0) end = text.length;
    const pair = text.slice(start, end);
    start = end + 1;
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    // A pair without '=' is content, not a name: `curl --data-binary @file` sends a file this way under this
    // very Content-Type. Long names are read as content too, so nothing can hide in the name half.
    if (eq < 0) pairs.push([Buffer.from('body'), percentDecode(pair, true)]);
    else {
      const key = percentDecode(pair.slice(0, eq), true);
      if (key.length > MAX_PLAIN_NAME_BYTES) pairs.push([Buffer.from('name'), key]);
      pairs.push([key, percentDecode(pair.slice(eq + 1), true)]);
    }
  }
  const charsetField = pairs.find(([k]) => k.toString('latin1') === '_charset_')?.[1].toString('latin1');
  const charset = declaredCharset ?? (charsetField && /^[A-Za-z0-9_.:-]{1,40}$/.test(charsetField) ? charsetField : undefined);
  for (const [k, v] of pairs) {
    if (ctx.sink.full) return;
    const field = decodeName(k, charset);
    addTextValue({ path: `upload/form/${segment(field)}`, field, ...(charset ? { mediaType: `text/plain; charset=${charset}` } : {}), bytes: v }, ctx);
  }
}
