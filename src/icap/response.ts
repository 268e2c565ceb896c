import type { Socket } from 'node:net';
import type { BodySpool } from './body.js';

/** Fields every answer carries. */
export interface AnswerBase {
  readonly istag: string;
  /** Close the connection after this answer. */
  readonly close: boolean;
  /** The event recorded for this answer, sent as `X-Mamori-Event` for tracing. */
  readonly eventId?: string;
}

const REASONS: Record<number, string> = {
  100: 'Continue',
  200: 'OK',
  204: 'No Content',
  400: 'Bad Request',
  404: 'ICAP Service Not Found',
  405: 'Method Not Allowed for Service',
  408: 'Request Timeout',
  413: 'Request Entity Too Large',
  500: 'Server Error',
  501: 'Method Not Implemented',
  503: 'Service Overloaded',
  505: 'ICAP Version Not Supported',
};

/** An ICAP status line and header block, ending with the blank line. */
export function icapHead(status: number, base: AnswerBase | null, fields: readonly (readonly [string, string])[]): Buffer {
  const lines = [`ICAP/1.0 ${status} ${REASONS[status] ?? 'Status'}`, `Date: ${new Date().toUTCString()}`, 'Server: mamori'];
  if (base) {
    lines.push(`ISTag: "${base.istag}"`);
    if (base.close) lines.push('Connection: close');
    if (base.eventId !== undefined) lines.push(`X-Mamori-Event: ${base.eventId}`);
  }
  for (const [k, v] of fields) lines.push(`${k}: ${v}`);
  return Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1');
}

/** Writes and waits for the kernel to take the bytes when the socket buffer is full. */
export async function send(socket: Socket, data: Buffer | string): Promise<void> {
  if (socket.destroyed) return;
  if (!socket.write(data)) {
    await new Promise<void>((resolve) => {
      const done = () => {
        socket.off('drain', done);
        socket.off('close', done);
        resolve();
      };
      socket.on('drain', done);
      socket.on('close', done);
    });
  }
}

/** One chunk of a chunked body. */
function chunk(piece: Buffer): Buffer[] {
  return [Buffer.from(`${piece.byteLength.toString(16)}\r\n`, 'latin1'), piece, Buffer.from('\r\n', 'latin1')];
}

const LAST_CHUNK = Buffer.from('0\r\n\r\n', 'latin1');

/**
 * 200 OK with the request unchanged: for clients that did not allow 204 (Squid after 100 Continue).
 *
 * @example
 * await sendEcho(socket, base, reqHdrBytes, spool);
 */
export async function sendEcho(socket: Socket, base: AnswerBase, reqHdr: Buffer, body: BodySpool | null): Promise<void> {
  const enc = body ? `req-hdr=0, req-body=${reqHdr.byteLength}` : `req-hdr=0, null-body=${reqHdr.byteLength}`;
  await send(socket, Buffer.concat([icapHead(200, base, [['Encapsulated', enc]]), reqHdr]));
  if (!body) return;
  let batch: Buffer[] = [];
  let size = 0;
  for await (const piece of body.pieces()) {
    batch.push(...chunk(piece));
    size += piece.byteLength;
    if (size >= 64 * 1024) {
      await send(socket, Buffer.concat(batch));
      batch = [];
      size = 0;
    }
  }
  batch.push(LAST_CHUNK);
  await send(socket, Buffer.concat(batch));
}

/**
 * 200 OK carrying an HTTP response that replaces the request (the block page).
 *
 * @example
 * await sendHttpResponse(socket, base, 403, 'Forbidden', 'text/html; charset=utf-8', page);
 */
export async function sendHttpResponse(socket: Socket, base: AnswerBase, status: number, reason: string, contentType: string, body: Buffer): Promise<void> {
  const http = Buffer.from(
    [
      `HTTP/1.1 ${status} ${reason}`,
      `Content-Type: ${contentType}`,
      `Content-Length: ${body.byteLength}`,
      'Cache-Control: no-store',
      'X-Content-Type-Options: nosniff',
      'Connection: close',
      '',
      '',
    ].join('\r\n'),
    'latin1',
  );
  const head = icapHead(200, base, [['Encapsulated', `res-hdr=0, res-body=${http.byteLength}`]]);
  await send(socket, Buffer.concat([head, http, ...chunk(body), LAST_CHUNK]));
}

/** An answer without a body: 100, 204, errors. */
export async function sendStatus(socket: Socket, status: number, base: AnswerBase | null, fields: readonly (readonly [string, string])[] = []): Promise<void> {
  const withBody = status === 100 ? fields : [...fields, ['Encapsulated', 'null-body=0'] as const];
  await send(socket, icapHead(status, base, withBody));
}
