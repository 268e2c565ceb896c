import { createHash } from 'node:crypto';
import { createServer as createHttp, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createHttps } from 'node:https';
import type { AddressInfo } from 'node:net';

/** What the origin received: one entry per request that reached it. */
export interface Received {
  readonly method: string;
  readonly url: string;
  readonly bytes: number;
  readonly sha256: string;
}

export interface Origin {
  readonly port: number;
  readonly received: Received[];
  close(): Promise<void>;
}

/** A loopback web server standing in for the external upload site; `tls` makes it HTTPS. */
export async function startOrigin(tls?: { cert: Buffer; key: Buffer }): Promise<Origin> {
  const received: Received[] = [];
  const handler = (req: IncomingMessage, res: ServerResponse) => {
    const hash = createHash('sha256');
    let bytes = 0;
    req.on('data', (c: Buffer) => {
      bytes += c.byteLength;
      hash.update(c);
    });
    req.on('end', () => {
      received.push({ method: req.method ?? '', url: req.url ?? '', bytes, sha256: hash.digest('hex') });
      res.writeHead(200, { 'content-type': 'text/plain' }).end(`stored ${bytes} bytes\n`);
    });
  };
  const server = tls ? createHttps({ cert: tls.cert, key: tls.key }, handler) : createHttp(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
