import { MamoriError } from '../core/index.js';
import type { SocketReader } from './reader.js';

/** How a chunked ICAP body ended. */
export interface ChunkedEnd {
  /** `0; ieof`: the preview held the whole body. */
  readonly ieof: boolean;
}

const MAX_LINE = 1024;
const MAX_TRAILERS = 64;

/**
 * Reads one chunked body (RFC 9112 7.1 with ICAP's `ieof` extension) up to and including its last
 * chunk and trailer section, handing the data to `sink` piece by piece.
 *
 * @example
 * const end = await readChunked(reader, (piece) => spool.write(piece));
 * if (end.ieof) { ... }
 */
export async function readChunked(reader: SocketReader, sink: (piece: Buffer) => Promise<void> | void): Promise<ChunkedEnd> {
  for (;;) {
    const line = await reader.readLine(MAX_LINE);
    const [sizeText = '', ...extensions] = line.split(';');
    const hex = sizeText.trim();
    if (!/^[0-9a-fA-F]{1,12}$/.test(hex)) throw new MamoriError('ERR_ICAP', 'bad chunk size');
    const size = parseInt(hex, 16);
    if (size === 0) {
      const ieof = extensions.some((e) => e.trim().toLowerCase() === 'ieof');
      for (let i = 0; ; i++) {
        if (i > MAX_TRAILERS) throw new MamoriError('ERR_ICAP', 'too many chunk trailers');
        if ((await reader.readLine(MAX_LINE)) === '') break;
      }
      return { ieof };
    }
    let left = size;
    while (left > 0) {
      const piece = await reader.readSome(left);
      left -= piece.byteLength;
      await sink(piece);
    }
    if (!(await reader.skipCrlf())) throw new MamoriError('ERR_ICAP', 'chunk not followed by CRLF');
  }
}
