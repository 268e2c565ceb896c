import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import type { Logger } from 'pino';
import type { MamoriConfig } from '../config/index.js';
import { MamoriError, type LabelTaxonomy } from '../core/index.js';
import type { Store } from '../store/index.js';
import { createApp } from './app.js';
import { createRateLimiter } from './auth/rate-limit.js';
import type { ServerDeps } from './deps.js';

/**
 * The shared services of the HTTP layer for one store and configuration.
 *
 * @example
 * const deps = createServerDeps({ store, config, taxonomy, logger });
 */
export function createServerDeps(input: { store: Store; config: MamoriConfig; taxonomy: LabelTaxonomy; logger: Logger; ready?: () => Promise<boolean> }): ServerDeps {
  const l = input.config.server.loginLimit;
  return Object.freeze({
    store: input.store,
    config: input.config,
    taxonomy: input.taxonomy,
    logger: input.logger,
    homeOrg: input.config.org,
    limits: {
      perIp: createRateLimiter({ limit: l.perIpPerMinute, windowMs: 60_000 }),
      perUser: createRateLimiter({ limit: l.failuresPerUser, windowMs: l.userLockMinutes * 60_000 }),
    },
    ready: input.ready ?? (() => Promise.resolve(true)),
  });
}

/** `host:port` → parts; IPv6 in brackets (`[::1]:8080`). */
export function parseListen(listen: string): { host: string; port: number } {
  const m = /^(?:\[([^\]]+)\]|([^:]+)):(\d{1,5})$/.exec(listen);
  const port = m ? Number(m[3]) : NaN;
  if (!m || port > 65535) throw new MamoriError('ERR_USAGE', `--listen must be host:port, not "${listen}"`);
  return { host: (m[1] ?? m[2])!, port };
}

/** A running HTTP server. `close` stops accepting, lets in-flight requests finish, then resolves. */
export interface RunningServer {
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

/**
 * Listens with the console and API on `listen` (`127.0.0.1:0` picks a free port).
 *
 * @example
 * const server = await startHttp(deps, '127.0.0.1:8080');
 * await server.close();
 */
export function startHttp(deps: ServerDeps, listen: string): Promise<RunningServer> {
  const { host, port } = parseListen(listen);
  const app = createApp(deps);
  return new Promise((resolve, reject) => {
    let server: ServerType | undefined = undefined;
    const onError = (e: Error) => reject(new MamoriError('ERR_USAGE', `cannot listen on ${listen}: ${e.message}`, { cause: e }));
    server = serve({ fetch: app.fetch, hostname: host, port }, (info: AddressInfo) => {
      server!.off('error', onError);
      const shown = info.family === 'IPv6' ? `[${info.address}]` : info.address;
      resolve({
        url: `http://${shown}:${info.port}`,
        port: info.port,
        close: () =>
          new Promise<void>((done) => {
            server!.close(() => done());
            // Idle keep-alive sockets would hold close() open; in-flight requests still finish.
            if ('closeIdleConnections' in server!) server.closeIdleConnections();
          }),
      });
    });
    server.once('error', onError);
  });
}
