import type { SplitContext } from './context.js';
import { KEEP_RAW_BELOW } from './context.js';
import { decodeEmbedded } from './embedded.js';
import type { UploadItem } from './types.js';

/**
 * Adds a text value (form field, urlencoded value) as an item; a base64 or data: URL payload in it becomes
 * its own item `<path>/base64` or `<path>/data-url` with the decoded bytes.
 *
 * @example
 * addTextValue({ path: 'upload/form/photo', field: 'photo', bytes }, ctx);
 */
export function addTextValue(item: UploadItem, ctx: SplitContext): void {
  if (item.bytes.length === 0) return;
  const embedded = item.bytes.length >= 16 && isAscii(item.bytes, 64) ? decodeEmbedded(Buffer.from(item.bytes).toString('latin1'), ctx.minBase64Bytes) : undefined;
  if (!embedded || item.bytes.length < KEEP_RAW_BELOW) ctx.sink.add(item);
  if (embedded) {
    ctx.sink.add({
      path: `${item.path}/${embedded.kind}`,
      ...(item.field !== undefined ? { field: item.field } : {}),
      ...(embedded.mediaType ? { mediaType: embedded.mediaType } : {}),
      bytes: embedded.bytes,
    });
  }
}

/** True when the first `n` bytes are printable ASCII (a cheap pre-check before looking for base64). */
function isAscii(bytes: Uint8Array, n: number): boolean {
  for (let i = 0; i < Math.min(n, bytes.length); i++) {
    const c = bytes[i]!;
    if (c > 0x7e || (c < 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09)) return false;
  }
  return true;
}
