import { createHash } from 'node:crypto';
import { MamoriError } from '../core/index.js';
import type { IndexSnapshot, SnapshotDocument } from './document-index.js';
import { K, SCHEME } from './winnow.js';

/**
 * The binary form of an index snapshot, read back with one file read into typed-array views:
 *
 *   "MAMORIDX"  u32 format  u32 header length  header JSON  (zero pad to 8)
 *   body: document table JSON (space-padded to 4) | hashes u32[n] | slots u32[n] | positions u32[n] | check bits
 *
 * All little-endian. The header names the fingerprint scheme, the source (which store and organisation the
 * snapshot was taken from), the section sizes and the SHA-256 of the body: a snapshot of another scheme or
 * source, or one damaged or cut short, is refused as a whole.
 */
const MAGIC = 'MAMORIDX';
const FORMAT = 1;
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

interface Header {
  readonly scheme: string;
  readonly source: string;
  readonly documents: number;
  readonly entries: number;
  readonly tableBytes: number;
  readonly checksBytes: number;
  readonly sha256: string;
}

/** A snapshot with what each document was at the time (its registration version), and where it came from. */
export interface TaggedSnapshot {
  readonly snapshot: IndexSnapshot;
  /** `versions[i]` belongs to `snapshot.documents[i]`. */
  readonly versions: readonly string[];
  readonly source: string;
}

const pad = (n: number, to: number): number => (to - (n % to)) % to;
const u8 = (a: Uint32Array): Uint8Array => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);

/**
 * Encodes a snapshot as chunks to write one after another (the columns are not copied).
 *
 * @example
 * const chunks = encodeIndexSnapshot({ snapshot: index.snapshot(), versions, source: 'sqlite:/var/lib/mamori/mamori.db#default' });
 */
export function encodeIndexSnapshot(tagged: TaggedSnapshot): Uint8Array[] {
  if (!LITTLE_ENDIAN) throw new MamoriError('ERR_UNSUPPORTED', 'index snapshots are little-endian only');
  const { snapshot, versions, source } = tagged;
  const table = Buffer.from(JSON.stringify(snapshot.documents.map((d, i) => [d.docId, d.path, d.label, d.distinct, d.chars, d.entries, versions[i] ?? ''])));
  const tablePadded = Buffer.concat([table, Buffer.alloc(pad(table.byteLength, 4), 0x20)]);
  const checksBytes = snapshot.documents.reduce((t, d) => t + d.checks.byteLength, 0);
  const body = [tablePadded, u8(snapshot.hashes), u8(snapshot.slots), u8(snapshot.positions), ...snapshot.documents.map((d) => d.checks)];
  const hash = createHash('sha256');
  for (const b of body) hash.update(b);
  const header: Header = { scheme: SCHEME, source, documents: snapshot.documents.length, entries: snapshot.hashes.length, tableBytes: tablePadded.byteLength, checksBytes, sha256: hash.digest('hex') };
  const json = Buffer.from(JSON.stringify(header));
  const head = Buffer.alloc(16 + json.byteLength + pad(16 + json.byteLength, 8));
  head.write(MAGIC, 0, 'latin1');
  head.writeUInt32LE(FORMAT, 8);
  head.writeUInt32LE(json.byteLength, 12);
  json.copy(head, 16);
  return [head, ...body];
}

/**
 * Decodes a snapshot file's bytes into views over them (no copy when `bytes` is 4-byte aligned). Throws
 * ERR_INPUT naming what is wrong: bad magic or format, another scheme or source than `expect`, sizes that do
 * not add up, a checksum mismatch, or a malformed document table.
 *
 * @example
 * const { snapshot, versions } = decodeIndexSnapshot(await readFile(path), { source });
 */
export function decodeIndexSnapshot(bytes: Uint8Array, expect: { source: string }): TaggedSnapshot {
  const bad = (why: string): never => {
    throw new MamoriError('ERR_INPUT', `index snapshot refused: ${why}`);
  };
  if (!LITTLE_ENDIAN) bad('little-endian only');
  if (bytes.byteOffset % 4 !== 0) bytes = new Uint8Array(bytes);
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buf.byteLength < 16 || buf.toString('latin1', 0, 8) !== MAGIC) bad('not a mamori index snapshot');
  if (buf.readUInt32LE(8) !== FORMAT) bad(`format ${buf.readUInt32LE(8)}, expected ${FORMAT}`);
  const jsonLength = buf.readUInt32LE(12);
  if (16 + jsonLength > buf.byteLength) bad('truncated header');
  let header: Header;
  try {
    header = JSON.parse(buf.toString('utf8', 16, 16 + jsonLength)) as Header;
  } catch {
    return bad('unreadable header');
  }
  const count = (v: unknown): number => (typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 ? v : bad('bad header counts'));
  if (header.scheme !== SCHEME) bad(`fingerprint scheme ${String(header.scheme)}, expected ${SCHEME}`);
  if (header.source !== expect.source) bad(`taken from ${String(header.source)}, not ${expect.source}`);
  const documents = count(header.documents);
  const entries = count(header.entries);
  const tableBytes = count(header.tableBytes);
  const checksBytes = count(header.checksBytes);
  const start = 16 + jsonLength + pad(16 + jsonLength, 8);
  const length = start + tableBytes + entries * 12 + checksBytes;
  if (tableBytes % 4 !== 0) bad('misaligned document table');
  if (buf.byteLength !== length) bad(`${buf.byteLength} bytes, expected ${length} (truncated or padded)`);
  const body = buf.subarray(start);
  if (createHash('sha256').update(body).digest('hex') !== header.sha256) bad('checksum mismatch');
  let rows: unknown;
  try {
    rows = JSON.parse(body.toString('utf8', 0, tableBytes));
  } catch {
    return bad('unreadable document table');
  }
  if (!Array.isArray(rows) || rows.length !== documents) bad('document table does not match the header');
  const columnsAt = bytes.byteOffset + start + tableBytes;
  const column = (i: number): Uint32Array => new Uint32Array(bytes.buffer, columnsAt + i * entries * 4, entries);
  let checksAt = start + tableBytes + entries * 12;
  const versions: string[] = [];
  const docs: SnapshotDocument[] = (rows as unknown[]).map((row, i) => {
    if (!Array.isArray(row) || row.length !== 7) return bad(`document ${i} malformed`);
    const [docId, path, label, distinct, chars, n, version] = row as unknown[];
    if (typeof docId !== 'string' || typeof path !== 'string' || typeof label !== 'string' || typeof version !== 'string') return bad(`document ${i} malformed`);
    const c = count(chars);
    const checkLength = (Math.max(0, c - K + 1) + 3) >> 2;
    if (checksAt + checkLength > buf.byteLength) bad(`document ${i} check bits overrun the file`);
    const checks = new Uint8Array(bytes.buffer, bytes.byteOffset + checksAt, checkLength);
    checksAt += checkLength;
    versions.push(version);
    return { docId, path, label, distinct: count(distinct), chars: c, entries: count(n), checks };
  });
  if (checksAt !== buf.byteLength) bad('check bits do not add up');
  return { snapshot: { hashes: column(0), slots: column(1), positions: column(2), documents: docs }, versions, source: header.source };
}
