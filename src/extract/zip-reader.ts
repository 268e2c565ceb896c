import { inflateRawSync } from 'node:zlib';
import yauzl from 'yauzl';
import type { Entry, ZipFile } from 'yauzl';
import { MamoriError } from '../core/index.js';
import type { Budget } from './limits.js';
import { decodeText } from './text-decode.js';

/** One member of a zip, as its central directory describes it. Sizes are claims, not facts. */
export interface ZipMember {
  readonly name: string;
  readonly isDirectory: boolean;
  readonly encrypted: boolean;
  readonly compressedSize: number;
  readonly declaredSize: number;
  readonly entry: Entry;
}

/** An open zip whose members are inflated under the budget's limits. */
export interface ZipArchive {
  readonly members: ZipMember[];
  /** Set when the listing stopped early (entry limit, broken directory): the members read so far are kept. */
  readonly listingError?: MamoriError;
  read(member: ZipMember): Promise<Buffer>;
  close(): void;
}

/**
 * Opens a zip held in memory and lists its members, counting each against the entry budget.
 * Names are decoded from UTF-8 when flagged or valid, else detected (Shift_JIS from Japanese Windows).
 *
 * @example
 * const zip = await openZip(bytes, budget);
 * for (const m of zip.members) console.log(m.name, (await zip.read(m)).length);
 */
export async function openZip(bytes: Uint8Array, budget: Budget): Promise<ZipArchive> {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const zip = await new Promise<ZipFile>((resolve, reject) => {
    // decodeStrings off: yauzl would reject the whole archive on a `../` name; names are only labels here.
    // validateEntrySizes off: declared sizes are not trusted either way; readMember counts real output.
    yauzl.fromBuffer(buffer, { lazyEntries: true, decodeStrings: false, validateEntrySizes: false }, (err, z) => {
      if (err || !z) reject(new MamoriError('ERR_PARSE', `not a readable zip: ${err?.message ?? 'no archive'}`, { cause: err }));
      else resolve(z);
    });
  });
  const members: ZipMember[] = [];
  let listingError: MamoriError | undefined;
  try {
    for await (const entry of listEntries(zip)) {
      budget.checkTime();
      budget.spendEntry();
      const name = decodeName(entry);
      members.push({
        name,
        isDirectory: name.endsWith('/'),
        encrypted: (entry.generalPurposeBitFlag & 0x1) !== 0,
        compressedSize: entry.compressedSize,
        declaredSize: entry.uncompressedSize,
        entry,
      });
    }
  } catch (e) {
    listingError = e instanceof MamoriError ? e : new MamoriError('ERR_PARSE', `zip directory: ${(e as Error).message}`, { cause: e });
  }
  return {
    members,
    ...(listingError ? { listingError } : {}),
    read: (member) => (member.compressedSize <= SYNC_MAX_COMPRESSED && budget.inflateCap(member.compressedSize) <= SYNC_MAX_OUTPUT ? readSmallMember(buffer, member, budget) : readMember(zip, member, budget)),
    close: () => zip.close(),
  };
}

function listEntries(zip: ZipFile): AsyncIterable<Entry> {
  return {
    [Symbol.asyncIterator]() {
      return {
        next: () =>
          new Promise<IteratorResult<Entry>>((resolve, reject) => {
            const cleanup = (): void => {
              zip.removeListener('entry', onEntry);
              zip.removeListener('end', onEnd);
              zip.removeListener('error', onError);
            };
            const onEntry = (entry: Entry): void => (cleanup(), resolve({ value: entry, done: false }));
            const onEnd = (): void => (cleanup(), resolve({ value: undefined, done: true }));
            const onError = (err: Error): void => (cleanup(), reject(err));
            zip.once('entry', onEntry);
            zip.once('end', onEnd);
            zip.once('error', onError);
            zip.readEntry();
          }),
      };
    },
  };
}

function decodeName(entry: Entry): string {
  const raw = (entry as unknown as { fileNameRaw: Buffer }).fileNameRaw;
  if ((entry.generalPurposeBitFlag & 0x800) !== 0) return raw.toString('utf8');
  return decodeText(raw).text;
}

/**
 * Members up to this size are inflated in one synchronous call: Office parts are mostly a few KiB, and a
 * streamed inflate costs a thread-pool round trip per chunk. Larger ones stream, so the time budget is
 * checked as they inflate.
 */
const SYNC_MAX_COMPRESSED = 1024 * 1024;
const SYNC_MAX_OUTPUT = 64 * 1024 * 1024;

/** Reads a member's compressed bytes straight from the buffer via its local header, and inflates them with zlib's output cap. */
async function readSmallMember(buffer: Buffer, m: ZipMember, budget: Budget): Promise<Buffer> {
  checkDeclared(m, budget);
  const at = m.entry.relativeOffsetOfLocalHeader;
  if (at + 30 > buffer.length || buffer.readUInt32LE(at) !== 0x04034b50) throw new MamoriError('ERR_PARSE', 'zip member: invalid local file header');
  const start = at + 30 + buffer.readUInt16LE(at + 26) + buffer.readUInt16LE(at + 28);
  const end = start + m.compressedSize;
  if (end > buffer.length) throw new MamoriError('ERR_PARSE', 'zip member: data runs past the end of the archive (truncated?)');
  const raw = buffer.subarray(start, end);
  const cap = budget.inflateCap(m.compressedSize);
  let out: Buffer;
  if (m.entry.compressionMethod === 0) out = Buffer.from(raw);
  else if (m.entry.compressionMethod === 8) {
    try {
      out = inflateRawSync(raw, { maxOutputLength: Math.max(1, cap + 1) });
    } catch (e) {
      if (e instanceof RangeError || (e as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') budget.overflow(m.compressedSize, `zip member (declared ${m.declaredSize} bytes)`);
      throw new MamoriError('ERR_PARSE', `zip member: ${(e as Error).message}`, { cause: e });
    }
  } else throw new MamoriError('ERR_UNSUPPORTED', `zip member: unsupported compression method: ${m.entry.compressionMethod}`);
  if (out.length > cap) budget.overflow(m.compressedSize, `zip member (declared ${m.declaredSize} bytes)`);
  budget.spendExpanded(out.length);
  return out;
}

function checkDeclared(m: ZipMember, budget: Budget): void {
  if (m.encrypted) throw new MamoriError('ERR_ENCRYPTED', 'zip member is encrypted');
  if (m.declaredSize > budget.ratioCap(m.compressedSize)) {
    throw new MamoriError('ERR_LIMIT', `zip member declares ${m.declaredSize} bytes from ${m.compressedSize} compressed (ratio limit ${budget.limits.maxRatio})`);
  }
  // Spends the rest of the budget: inflating it would only end at the same limit.
  if (m.declaredSize > budget.remainingExpanded) budget.spendExpanded(m.declaredSize);
}

/**
 * Inflates one member, counting the bytes that actually come out: a member that declares 1 KB and
 * inflates to 10 GB is stopped at the cap, whatever its header says.
 */
async function readMember(zip: ZipFile, m: ZipMember, budget: Budget): Promise<Buffer> {
  checkDeclared(m, budget);
  const cap = budget.inflateCap(m.compressedSize);
  const stream = await new Promise<NodeJS.ReadableStream>((resolve, reject) => {
    zip.openReadStream(m.entry, (err, s) => (err || !s ? reject(toZipError(err)) : resolve(s)));
  });
  return new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let total = 0;
    const stop = (e: Error): void => {
      (stream as NodeJS.ReadableStream & { destroy(): void }).destroy();
      reject(e);
    };
    stream.on('data', (chunk: Buffer) => {
      total += chunk.length;
      try {
        if (total > cap) budget.overflow(m.compressedSize, `zip member (declared ${m.declaredSize} bytes)`);
        budget.spendExpanded(chunk.length);
        budget.checkTime();
      } catch (e) {
        stop(e as Error);
        return;
      }
      chunks.push(chunk);
    });
    stream.on('error', (err: Error) => reject(toZipError(err)));
    stream.on('end', () => resolve(Buffer.concat(chunks, total)));
  });
}

function toZipError(err: Error | null): MamoriError {
  const message = err?.message ?? 'unreadable member';
  if (/compression method/i.test(message)) return new MamoriError('ERR_UNSUPPORTED', message, { cause: err });
  if (/too many bytes|too few bytes|size mismatch/i.test(message)) return new MamoriError('ERR_PARSE', `zip member size does not match its header: ${message}`, { cause: err });
  return new MamoriError('ERR_PARSE', `zip member: ${message}`, { cause: err });
}
