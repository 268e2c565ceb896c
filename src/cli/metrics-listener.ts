import { createServer } from 'node:http';
import type { Registry } from 'prom-client';
import { MamoriError } from '../core/index.js';
import { parseListen } from '../server/index.js';

/** A running metrics endpoint. */
export interface MetricsListener {
  readonly host: string;
  readonly port: number;
  close(): Promise<void>;
}

/**
 * Serves `registry` for Prometheus at `GET /metrics` (and `GET /healthz`) on its own address, apart from the
 * console: a scraper needs no account, and the figures carry no upload content (actions and labels only).
 * Bind it to loopback or a management network.
 *
 * @example
 * const m = await startMetricsListener('127.0.0.1:9464', metrics.registry);
 * // curl http://127.0.0.1:9464/metrics
 * await m.close();
 */
export async function startMetricsListener(listen: string, registry: Registry): Promise<MetricsListener> {
  const { host, port } = parseListen(listen);
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    if (path === '/healthz') {
      res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' }).end('ok\n');
      return;
    }
    if (path !== '/metrics') {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found: metrics are at /metrics\n');
      return;
    }
    registry.metrics().then(
      (text) => res.writeHead(200, { 'content-type': registry.contentType }).end(req.method === 'HEAD' ? undefined : text),
      () => res.writeHead(500).end(),
    );
  });
  server.keepAliveTimeout = 5_000;
  server.headersTimeout = 10_000;
  server.requestTimeout = 10_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', (e) => reject(new MamoriError('ERR_USAGE', `cannot listen for metrics on ${listen}: ${e.message}`, { cause: e })));
    server.listen({ host, port }, resolve);
  });
  const addr = server.address();
  if (addr === null || typeof addr === 'string') throw new MamoriError('ERR_INTERNAL', 'no listening address for metrics');
  return {
    host: addr.address,
    port: addr.port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
