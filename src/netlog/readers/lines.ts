import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { StringDecoder } from 'node:string_decoder';
import { createGunzip } from 'node:zlib';

/** Longest line kept; a longer one is dropped whole and counted as damaged (bounded memory on hostile input). */
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
 * Streams a (possibly gzipped) text file and calls `onLine` for each line without its end-of-line.
 * Works chunk by chunk: memory stays at one chunk plus one partial line, whatever the file size.
 *
 * @example
 * const stats = await forEachLine('conn.log.gz', (line) => { count++; });
 */
export async function forEachLine(path: string, onLine: (line: string) => void, onBytes?: (n: number) => void, afterChunk?: () => Promise<void>): Promise<LineStats> {
  const stats: LineStats = { oversized: 0, error: null };
  const gz = await isGzip(path);
  const raw = createReadStream(path, { highWaterMark: 1 << 20 });
  // With gzip the compressed bytes are counted as they are piped; without, in the loop below.
  if (gz && onBytes) raw.on('data', (b) => onBytes(b.length));
  const stream = gz ? raw.pipe(createGunzip()) : raw;
  if (gz) raw.on('error', (e) => stream.destroy(e));
  const decoder = new StringDecoder('utf8');
  let carry = '';
  let skipping = false;
  const take = (text: string): void => {
    let start = 0;
    for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', start)) {
      let line = carry === '' ? text.slice(start, nl) : carry + text.slice(start, nl);
      carry = '';
      start = nl + 1;
      if (skipping) {
        skipping = false;
        continue;
      }
      if (line.length > 0 && line.charCodeAt(line.length - 1) === 13) line = line.slice(0, -1);
      if (line.length > MAX_LINE_CHARS) {
        stats.oversized++;
        continue;
      }
      onLine(line);
    }
    if (skipping) return;
    carry += text.slice(start);
    if (carry.length > MAX_LINE_CHARS) {
      stats.oversized++;
      carry = '';
      skipping = true;
    }
  };
  try {
    for await (const chunk of stream) {
      if (!gz) onBytes?.((chunk as Buffer).length);
      take(decoder.write(chunk as Buffer));
      if (afterChunk) await afterChunk();
    }
  } catch (e) {
    stats.error = (e as Error).message;
  }
  take(decoder.end());
  if (carry !== '' && !skipping) {
    const line = carry;
    carry = '';
    onLine(line);
  }
  return stats;
}
