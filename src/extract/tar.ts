import { MamoriError } from '../core/index.js';
import type { Handler } from './node.js';
import { decodeText } from './text-decode.js';

const BLOCK = 512;

/** A NUL-terminated header field. */
function field(b: Uint8Array, start: number, length: number): Uint8Array {
  const f = b.subarray(start, start + length);
  const end = f.indexOf(0);
  return end < 0 ? f : f.subarray(0, end);
}

/** Octal numbers, or base-256 (GNU) when the high bit of the first byte is set. */
function number(b: Uint8Array, start: number, length: number): number {
  if (((b[start] ?? 0) & 0x80) !== 0) {
    let v = 0;
    for (let i = start + 1; i < start + length; i++) v = v * 256 + (b[i] ?? 0);
    return v;
  }
  const s = new TextDecoder('latin1').decode(field(b, start, length)).trim();
  return s === '' ? 0 : parseInt(s, 8);
}

/** The header checksum, summed as unsigned bytes (POSIX) or as signed ones (some historic tar writers). */
function checksumOk(h: Uint8Array): boolean {
  let unsigned = 0;
  let signed = 0;
  for (let i = 0; i < BLOCK; i++) {
    const b = i >= 148 && i < 156 ? 0x20 : (h[i] ?? 0);
    unsigned += b;
    signed += b > 127 ? b - 256 : b;
  }
  const stored = number(h, 148, 8);
  return stored === unsigned || stored === signed;
}

/** The records of a pax extended header (`<len> key=value\n` each). */
function paxRecords(data: Uint8Array): Map<string, string> {
  const records = new Map<string, string>();
  for (const m of new TextDecoder('utf-8').decode(data).matchAll(/(?:^|\n)\d+ ([^=\n]+)=([^\n]*)(?=\n)/g)) {
    if (m[1] !== undefined && m[2] !== undefined) records.set(m[1], m[2]);
  }
  return records;
}

/**
 * tar archives (ustar, pax and GNU long names): each regular member one level deeper. Members are stored
 * uncompressed, so they are views into the input, not copies.
 *
 * @example
 * await tarHandler(node); // backup.tar.gz/backup.tar/home/user/予算.xlsx/...
 */
export const tarHandler: Handler = async (node) => {
  const b = node.bytes;
  let longName: string | undefined;
  let paxSize: number | undefined;
  let at = 0;
  while (at + BLOCK <= b.length) {
    const h = b.subarray(at, at + BLOCK);
    if (h.every((x) => x === 0)) return;
    if (!checksumOk(h)) throw new MamoriError('ERR_PARSE', `tar header at byte ${at} has a bad checksum`);
    // A pax header may override the size (members over 8 GiB, or writers that always use it).
    const size = paxSize ?? number(h, 124, 12);
    paxSize = undefined;
    const type = String.fromCharCode(h[156] ?? 0);
    let start = at + BLOCK;
    // Old GNU sparse members carry extension blocks of their sparse map before the data.
    for (let extended = type === 'S' && h[482] !== 0; extended && start + BLOCK <= b.length; start += BLOCK) extended = b[start + 504] !== 0;
    const data = b.subarray(start, start + size);
    at = start + Math.ceil(size / BLOCK) * BLOCK;
    if (type === 'L') {
      longName = decodeText(field(data, 0, data.length)).text;
      continue;
    }
    if (type === 'x') {
      const records = paxRecords(data);
      longName = records.get('path') ?? longName;
      const paxSizeText = records.get('size');
      paxSize = paxSizeText !== undefined && /^\d{1,15}$/.test(paxSizeText) ? Number(paxSizeText) : undefined;
      continue;
    }
    const prefix = field(h, 345, 155);
    const name = longName ?? decodeText(prefix.length > 0 ? Buffer.concat([prefix, Buffer.from('/'), field(h, 0, 100)]) : field(h, 0, 100)).text;
    longName = undefined;
    // Regular, contiguous and GNU sparse members (whose stored chunks are the file without its holes).
    if (type !== '0' && type !== '\0' && type !== '7' && type !== 'S') continue;
    node.sink.budget.spendEntry();
    node.sink.budget.checkTime();
    if (data.length < size) {
      node.sink.fail(node.child(name), new MamoriError('ERR_PARSE', `tar member is truncated: ${data.length} of ${size} bytes`));
      return;
    }
    await node.nested(data, name);
  }
  // Archives end with zero blocks; ending inside a header or a member's padding means the file was cut.
  if (node.bytes.length > 0) node.sink.fail(node.path, new MamoriError('ERR_PARSE', 'tar archive is truncated (no end-of-archive blocks)'));
};
