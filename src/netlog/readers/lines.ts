import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { createGunzip } from 'node:zlib';

/** Longest line kept, in bytes; a longer one is dropped whole and counted as damaged (bounded memory on hostile input). */
export const MAX_LINE_CHARS = 1 << 20;

/** What happened while splitting a file into lines. */
export interface LineStats {
  /** Lines dropped for exceeding MAX_LINE_CHARS. */
  oversized: number;
  /** A read or decompression error that ended the file early (e.g. truncated gzip), or null. */
  error: string | null;
}

async function isGzip(path: string): Promise<boolean> {
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.alloc(2);
    const { bytesRead } = await fh.read(buf, 0, 2, 0);
    return bytesRead === 2 && buf[0] === 0x1f && buf[1] === 0x8b;
  } finally {
    await fh.close();
  }
}

/**
 * Streams a (possibly gzipped) text file and calls `onLine` for each line without its end-of-line;
 * `onLine` returning false stops reading.
 * Works chunk by chunk: memory stays at one chunk plus one partial line, whatever the file size. Each line is
 * decoded into its own string, so values a caller keeps (addresses, names) never pin a whole chunk in memory.
 *
 * @example
 * const stats = await forEachLine('conn.log.gz', (line) => { count++; });
 */
export async function forEachLine(path: string, onLine: (line: string) => boolean | void, onBytes?: (n: number) => void, afterChunk?: () => Promise<void>): Promise<LineStats> {
  const stats: LineStats = { oversized: 0, error: null };
  const gz = await isGzip(path);
  const raw = createReadStream(path, { highWaterMark: 1 << 20 });
  // With gzip the compressed bytes are counted as they are piped; without, in the loop below.
  if (gz && onBytes) raw.on('data', (b) => onBytes(b.length));
  const stream = gz ? raw.pipe(createGunzip()) : raw;
  if (gz) raw.on('error', (e) => stream.destroy(e));
  let carry: Buffer | null = null;
  let skipping = false;
  let stopped = false;
  const emit = (buf: Buffer, start: number, end: number): void => {
    if (stopped) return;
    if (end > start && buf[end - 1] === 13) end--;
    if (end - start > MAX_LINE_CHARS) {
      stats.oversized++;
      return;
    }
    if (onLine(buf.toString('utf8', start, end)) === false) stopped = true;
  };
  const take = (chunk: Buffer): void => {
    let start = 0;
    for (let nl = chunk.indexOf(10); nl >= 0; nl = chunk.indexOf(10, start)) {
      if (skipping) skipping = false;
      else if (carry !== null) {
        const joined = Buffer.concat([carry, chunk.subarray(start, nl)]);
        emit(joined, 0, joined.length);
      } else emit(chunk, start, nl);
      carry = null;
      start = nl + 1;
    }
    if (skipping || start >= chunk.length) return;
    const rest = chunk.subarray(start);
    carry = carry === null ? Buffer.from(rest) : Buffer.concat([carry, rest]);
    if (carry.length > MAX_LINE_CHARS) {
      stats.oversized++;
      carry = null;
      skipping = true;
    }
  };
  try {
    for await (const chunk of stream) {
      if (!gz) onBytes?.((chunk as Buffer).length);
      take(chunk as Buffer);
      if (stopped) {
        stream.destroy();
        raw.destroy();
        break;
      }
      if (afterChunk) await afterChunk();
    }
  } catch (e) {
    stats.error = (e as Error).message;
  }
  if (carry !== null && !skipping) emit(carry, 0, (carry as Buffer).length);
  return stats;
}
