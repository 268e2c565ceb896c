import type { Socket } from 'node:net';
import { MamoriError } from '../core/index.js';

/** Bytes buffered before the socket is paused: a slow consumer never makes memory grow. */
const HIGH_WATER = 256 * 1024;

/**
 * Pull-style reads over a socket with backpressure and timeouts. Waiting for a new request uses the
 * idle timeout; waiting inside one uses the read timeout (slowloris guard).
 *
 * @example
 * const reader = new SocketReader(socket, { idleTimeoutMs: 60_000, readTimeoutMs: 30_000 });
 * const head = await reader.readHead(65536, true);
 */
export class SocketReader {
  private buf: Buffer = Buffer.alloc(0);
  private pos = 0;
  private ended = false;
  private failure: Error | null = null;
  private wake: (() => void) | null = null;

  constructor(
    private readonly socket: Socket,
    private readonly timeouts: { readonly idleTimeoutMs: number; readonly readTimeoutMs: number },
  ) {
    socket.on('data', (chunk: Buffer) => {
      this.buf = this.pos === this.buf.length ? chunk : Buffer.concat([this.buf.subarray(this.pos), chunk]);
      this.pos = 0;
      if (this.buf.length >= HIGH_WATER) socket.pause();
      this.notify();
    });
    socket.on('end', () => {
      this.ended = true;
      this.notify();
    });
    socket.on('close', () => {
      this.ended = true;
      this.notify();
    });
    socket.on('error', (e) => {
      this.failure = e;
      this.notify();
    });
  }

  /** Bytes received and not yet consumed. */
  get buffered(): number {
    return this.buf.length - this.pos;
  }

  private notify(): void {
    const w = this.wake;
    this.wake = null;
    w?.();
  }

  private consume(n: number): Buffer {
    const out = this.buf.subarray(this.pos, this.pos + n);
    this.pos += n;
    if (this.socket.isPaused() && this.buffered < HIGH_WATER / 2) this.socket.resume();
    return out;
  }

  /** Waits for more bytes; throws on timeout, socket error or end of stream. */
  private async more(idle: boolean): Promise<void> {
    if (this.failure) throw new MamoriError('ERR_ICAP', `connection error: ${this.failure.message}`, { status: 0 });
    if (this.ended) throw new MamoriError('ERR_ICAP', 'connection closed mid-message', { status: 0 });
    if (this.socket.isPaused()) this.socket.resume();
    const ms = idle ? this.timeouts.idleTimeoutMs : this.timeouts.readTimeoutMs;
    let timer: NodeJS.Timeout | undefined;
    try {
      await new Promise<void>((resolve, reject) => {
        this.wake = resolve;
        timer = setTimeout(() => {
          this.wake = null;
          reject(new MamoriError('ERR_TIMEOUT', idle ? 'idle timeout' : 'read timeout', { status: idle ? 0 : 408 }));
        }, ms);
      });
    } finally {
      clearTimeout(timer);
    }
    const failure = this.failure as Error | null;
    if (failure) throw new MamoriError('ERR_ICAP', `connection error: ${failure.message}`, { status: 0 });
  }

  /**
   * A head up to (not including) the blank line. Returns null on a clean end of stream before any
   * byte of a new message (the client closed a persistent connection).
   */
  async readHead(maxBytes: number, idle: boolean): Promise<Buffer | null> {
    // Bytes after `pos` already searched: a head trickling in byte by byte is not rescanned (slowloris).
    let scanned = 0;
    for (;;) {
      const at = this.buf.indexOf('\r\n\r\n', this.pos + Math.max(0, scanned - 3), 'latin1');
      if (at >= 0) {
        if (at - this.pos > maxBytes) throw new MamoriError('ERR_ICAP', 'header block too large', { status: 413 });
        const head = Buffer.from(this.consume(at - this.pos));
        this.consume(4);
        return head;
      }
      if (this.buffered > maxBytes) throw new MamoriError('ERR_ICAP', 'header block too large', { status: 413 });
      scanned = this.buffered;
      if (this.ended && this.buffered === 0) return null;
      await this.more(idle && this.buffered === 0);
    }
  }

  /** One CRLF-terminated line, without the CRLF. */
  async readLine(maxBytes: number): Promise<string> {
    for (;;) {
      const at = this.buf.indexOf('\r\n', this.pos, 'latin1');
      if (at >= 0 && at - this.pos <= maxBytes) {
        const line = this.consume(at - this.pos).toString('latin1');
        this.consume(2);
        return line;
      }
      if (this.buffered > maxBytes) throw new MamoriError('ERR_ICAP', 'line too long');
      await this.more(false);
    }
  }

  /** Exactly `n` bytes. */
  async readExact(n: number): Promise<Buffer> {
    while (this.buffered < n) await this.more(false);
    return Buffer.from(this.consume(n));
  }

  /** Consumes a CRLF; false (nothing consumed) when the next two bytes are something else. No copy. */
  async skipCrlf(): Promise<boolean> {
    while (this.buffered < 2) await this.more(false);
    if (this.buf[this.pos] !== 0x0d || this.buf[this.pos + 1] !== 0x0a) return false;
    this.consume(2);
    return true;
  }

  /** Between 1 and `n` bytes, as soon as any are there. The view is valid until the next read. */
  async readSome(n: number): Promise<Buffer> {
    while (this.buffered === 0) await this.more(false);
    return this.consume(Math.min(n, this.buffered));
  }
}
