import { createReadStream } from 'node:fs';
import { open, readFile, rm, type FileHandle } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { newId } from '../core/index.js';

const WRITE_BATCH = 1024 * 1024;

/** Limits of one body. */
export interface BodyLimits {
  /** Above this the body moves from memory to a temporary file. */
  readonly memoryThresholdBytes: number;
  /** Bytes past this are counted but not kept; the body is then `truncated`. */
  readonly maxBodyBytes: number;
  readonly spoolDir?: string;
}

/**
 * An upload body as it arrives: in memory while small, spooled to a private temporary file when large,
 * capped at `maxBodyBytes`. `dispose()` removes the file.
 *
 * @example
 * const body = new BodySpool({ memoryThresholdBytes: 4 << 20, maxBodyBytes: 512 << 20 });
 * await body.write(chunk);
 * const bytes = await body.bytes();
 * await body.dispose();
 */
export class BodySpool {
  /** In memory: the whole body; when spooled: bytes not yet written to the file. */
  private parts: Buffer[] = [];
  private pending = 0;
  private file: { path: string; handle: FileHandle } | null = null;
  /** Bytes kept (at most maxBodyBytes). */
  kept = 0;
  /** Bytes received, kept or not. */
  received = 0;

  constructor(private readonly limits: BodyLimits) {}

  get truncated(): boolean {
    return this.received > this.kept;
  }

  get spooled(): boolean {
    return this.file !== null;
  }

  async write(chunk: Uint8Array): Promise<void> {
    this.received += chunk.byteLength;
    const room = this.limits.maxBodyBytes - this.kept;
    if (room <= 0) return;
    // Copy: the reader's view is reused after this call.
    const piece = Buffer.from(chunk.subarray(0, Math.min(room, chunk.byteLength)));
    this.kept += piece.byteLength;
    this.parts.push(piece);
    this.pending += piece.byteLength;
    if (this.file) {
      // Few large writes: the proxy's upload buffer drains faster than with one write per chunk.
      if (this.pending >= WRITE_BATCH) await this.flush();
      return;
    }
    if (this.kept > this.limits.memoryThresholdBytes) {
      const path = join(this.limits.spoolDir ?? tmpdir(), `mamori-icap-${newId('body')}`);
      const handle = await open(path, 'wx', 0o600);
      this.file = { path, handle };
      await this.flush();
    }
  }

  private async flush(): Promise<void> {
    if (!this.file || this.parts.length === 0) return;
    const parts = this.parts;
    this.parts = [];
    this.pending = 0;
    const data = parts.length === 1 ? parts[0]! : Buffer.concat(parts);
    for (let at = 0; at < data.byteLength; ) at += (await this.file.handle.write(data, at)).bytesWritten;
  }

  /** The kept bytes in one buffer (read back from disk when spooled). */
  async bytes(): Promise<Buffer> {
    if (!this.file) return this.parts.length === 1 ? this.parts[0]! : Buffer.concat(this.parts);
    await this.flush();
    return readFile(this.file.path);
  }

  /** The kept bytes as a stream of pieces, for echoing the body back without holding it in memory. */
  async *pieces(): AsyncGenerator<Buffer> {
    if (!this.file) {
      yield* this.parts;
      return;
    }
    await this.flush();
    for await (const chunk of createReadStream(this.file.path, { highWaterMark: 256 * 1024 })) yield chunk as Buffer;
  }

  async dispose(): Promise<void> {
    this.parts = [];
    const f = this.file;
    this.file = null;
    if (f) {
      await f.handle.close().catch(() => undefined);
      await rm(f.path, { force: true });
    }
  }
}
