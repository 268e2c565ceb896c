import { connect, type Socket } from 'node:net';
import { readChunked } from '../chunked.js';
import { parseEncapsulated } from '../encapsulated.js';
import { parseHead } from '../head.js';
import type { HeaderList } from '../headers.js';
import { SocketReader } from '../reader.js';

/** An ICAP answer as a client sees it. */
export interface IcapAnswer {
  readonly status: number;
  readonly headers: HeaderList;
  /** The encapsulated HTTP head (request or response), if any. */
  readonly httpHead: string | null;
  readonly body: Buffer | null;
}

export interface ReqmodRequest {
  readonly url: string;
  readonly method?: string;
  readonly httpHeaders?: readonly (readonly [string, string])[];
  readonly icapHeaders?: readonly (readonly [string, string])[];
  /** Omitted: null-body. */
  readonly body?: Buffer;
  /** Preview size; omitted: no preview. */
  readonly preview?: number;
  readonly allow204?: boolean;
  /** Chunk size used for the body. */
  readonly chunkSize?: number;
  /** ICAP service path; default `/reqmod`. */
  readonly service?: string;
}

function chunked(body: Buffer, size: number): Buffer[] {
  const out: Buffer[] = [];
  for (let i = 0; i < body.byteLength; i += size) {
    const piece = body.subarray(i, i + size);
    out.push(Buffer.from(`${piece.byteLength.toString(16)}\r\n`), piece, Buffer.from('\r\n'));
  }
  return out;
}

/**
 * A minimal keep-alive ICAP client (tests and benchmarks): REQMOD with or without preview, OPTIONS,
 * raw bytes for hostile input.
 *
 * @example
 * const c = await IcapClient.connect(1344);
 * const answer = await c.reqmod({ url: 'http://x.example/up', method: 'POST', body, preview: 0, allow204: true });
 */
export class IcapClient {
  private readonly reader: SocketReader;
  private constructor(readonly socket: Socket, readonly port: number, timeoutMs: number) {
    this.reader = new SocketReader(socket, { idleTimeoutMs: timeoutMs, readTimeoutMs: timeoutMs });
  }

  static connect(port: number, host = '127.0.0.1', timeoutMs = 30_000): Promise<IcapClient> {
    return new Promise((resolve, reject) => {
      const s = connect({ port, host, noDelay: true }, () => {
        s.off('error', reject);
        resolve(new IcapClient(s, port, timeoutMs));
      });
      s.once('error', reject);
    });
  }

  write(data: Buffer | string): void {
    this.socket.write(data);
  }

  close(): void {
    this.socket.destroy();
  }

  async options(service = 'reqmod'): Promise<IcapAnswer> {
    this.write(`OPTIONS icap://127.0.0.1:${this.port}/${service} ICAP/1.0\r\nHost: 127.0.0.1\r\nEncapsulated: null-body=0\r\n\r\n`);
    return this.answer();
  }

  async reqmod(r: ReqmodRequest): Promise<IcapAnswer> {
    const url = new URL(r.url);
    const httpLines = [`${r.method ?? 'POST'} ${r.url} HTTP/1.1`, `Host: ${url.host}`, ...(r.httpHeaders ?? []).map(([k, v]) => `${k}: ${v}`)];
    if (r.body) httpLines.push(`Content-Length: ${r.body.byteLength}`);
    const http = Buffer.from(`${httpLines.join('\r\n')}\r\n\r\n`);
    const enc = r.body ? `req-hdr=0, req-body=${http.byteLength}` : `req-hdr=0, null-body=${http.byteLength}`;
    const icapLines = [`REQMOD icap://127.0.0.1:${this.port}${r.service ?? '/reqmod'} ICAP/1.0`, 'Host: 127.0.0.1', `Encapsulated: ${enc}`];
    if (r.allow204) icapLines.push('Allow: 204');
    if (r.preview !== undefined) icapLines.push(`Preview: ${r.preview}`);
    for (const [k, v] of r.icapHeaders ?? []) icapLines.push(`${k}: ${v}`);
    const head = Buffer.from(`${icapLines.join('\r\n')}\r\n\r\n`);
    const size = r.chunkSize ?? 64 * 1024;
    if (!r.body) {
      this.write(Buffer.concat([head, http]));
      return this.answer();
    }
    if (r.preview === undefined) {
      this.write(Buffer.concat([head, http, ...chunked(r.body, size), Buffer.from('0\r\n\r\n')]));
      return this.answer();
    }
    const previewPart = r.body.subarray(0, r.preview);
    const complete = r.body.byteLength <= r.preview;
    this.write(Buffer.concat([head, http, ...chunked(previewPart, size), Buffer.from(complete ? '0; ieof\r\n\r\n' : '0\r\n\r\n')]));
    const first = await this.answer();
    if (first.status !== 100) return first;
    this.write(Buffer.concat([...chunked(r.body.subarray(r.preview), size), Buffer.from('0\r\n\r\n')]));
    return this.answer();
  }

  /** Reads one answer. */
  async answer(): Promise<IcapAnswer> {
    const raw = await this.reader.readHead(1 << 20, false);
    if (raw === null) throw new Error('connection closed before an answer');
    const head = parseHead(raw);
    const status = Number(head.startLine.split(' ')[1]);
    // c-icap omits Encapsulated on 204.
    if (status === 100 || (status === 204 && !head.headers.has('encapsulated'))) return { status, headers: head.headers, httpHead: null, body: null };
    const enc = parseEncapsulated(head.headers.get('encapsulated'));
    const hdrLen = enc.reqHdrLength + enc.resHdrLength;
    const httpHead = hdrLen > 0 ? (await this.reader.readExact(hdrLen)).toString('utf8') : null;
    let body: Buffer | null = null;
    if (enc.body !== 'null-body') {
      const parts: Buffer[] = [];
      await readChunked(this.reader, (p) => void parts.push(Buffer.from(p)));
      body = Buffer.concat(parts);
    }
    return { status, headers: head.headers, httpHead, body };
  }

  /** Resolves when the server closes the connection (or after `ms`, with false). */
  closed(ms = 5000): Promise<boolean> {
    if (this.socket.destroyed || this.socket.readableEnded) return Promise.resolve(true);
    return new Promise((resolve) => {
      const t = setTimeout(() => resolve(false), ms);
      this.socket.once('close', () => {
        clearTimeout(t);
        resolve(true);
      });
      this.socket.resume();
    });
  }
}
