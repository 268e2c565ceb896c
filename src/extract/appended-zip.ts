/** The end-of-central-directory record is 22 bytes plus a comment of up to 64 KiB. */
const EOCD_SEARCH = 22 + 0xffff;

/**
 * A zip archive appended to other bytes (`cat photo.jpg secret.zip > photo.jpg`, self-extracting
 * executables), cut out so its offsets are right again; undefined when there is none.
 *
 * @example
 * findAppendedZip(Buffer.concat([jpeg, zip])); // the zip's bytes
 */
export function findAppendedZip(b: Uint8Array): Uint8Array | undefined {
  const from = Math.max(0, b.length - EOCD_SEARCH);
  for (let e = b.length - 22; e >= from; e--) {
    if (b[e] !== 0x50 || b[e + 1] !== 0x4b || b[e + 2] !== 0x05 || b[e + 3] !== 0x06) continue;
    const view = new DataView(b.buffer, b.byteOffset + e, 22);
    const cdSize = view.getUint32(12, true);
    const cdOffset = view.getUint32(16, true);
    const commentLength = view.getUint16(20, true);
    if (e + 22 + commentLength !== b.length) continue;
    const start = e - cdSize - cdOffset;
    if (start <= 0 || start + 4 > b.length) continue;
    if (b[start] === 0x50 && b[start + 1] === 0x4b && b[start + 2] === 0x03 && b[start + 3] === 0x04) return b.subarray(start);
  }
  return undefined;
}
