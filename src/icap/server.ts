import { createServer, type Server, type Socket } from 'node:net';
import { pino, type Logger } from 'pino';
import type { MamoriConfig } from '../config/index.js';
import { MamoriError, type LabelTaxonomy } from '../core/index.js';
import { createInspector, type Inspector } from '../inspect.js';
import { createPolicyEngine, type PolicyEngine } from '../policy/index.js';
import type { Db } from '../store/index.js';
import { createDecider } from './decide.js';
import { parseHead } from './head.js';
import { istagOf } from './istag.js';
import type { IcapMetrics } from './metrics.js';
import { SocketReader } from './reader.js';
import { createEventRecorder, type EventRecorder } from './recorder.js';
import { sendStatus } from './response.js';
import { serveTransaction, type TransactionEnv } from './transaction.js';

export interface IcapServerOptions {
  readonly config: MamoriConfig;
  readonly taxonomy: LabelTaxonomy;
  /** Where decisions are recorded. */
  readonly db: Db;
  /** Defaults to `createInspector({ config, taxonomy, policy })`. */
  readonly inspector?: Inspector;
  /** Decides content that could not be inspected; defaults to the config's policy. */
  readonly policy?: PolicyEngine;
  readonly logger?: Logger;
  /** How events are committed; defaults to group commit on `db`. */
  readonly recorder?: EventRecorder;
  /** Counts decisions and refusals for Prometheus (`createIcapMetrics`). */
  readonly metrics?: IcapMetrics;
}

export interface IcapServer {
  /** Starts listening; resolves with the bound address. */
  listen(host: string, port: number): Promise<{ host: string; port: number }>;
  /** Stops accepting, lets in-flight transactions finish (up to `graceMs`), closes the rest. */
  close(graceMs?: number): Promise<void>;
  readonly connections: number;
}

/**
 * The RFC 3507 server: REQMOD at `icap://host:port/reqmod`, OPTIONS, persistent connections.
 *
 * @example
 * const server = createIcapServer({ config, taxonomy, db: store.db });
 * const { port } = await server.listen('127.0.0.1', 1344);
 * await server.close();
 */
export function createIcapServer(options: IcapServerOptions): IcapServer {
  const { config, taxonomy } = options;
  const logger = options.logger ?? pino({ level: 'silent' });
  const policy = options.policy ?? createPolicyEngine(config.policy, taxonomy);
  const inspector = options.inspector ?? createInspector({ config, taxonomy, policy });
  const recorder = options.recorder ?? createEventRecorder(options.db);
  let closing = false;
  const env: TransactionEnv = {
    config,
    istag: istagOf(config),
    decider: createDecider({ inspector, policy, taxonomy, config }),
    recorder,
    logger,
    ...(options.metrics ? { metrics: options.metrics } : {}),
    closing: () => closing,
  };
  const sockets = new Map<Socket, { busy: boolean }>();
  const server: Server = createServer({ noDelay: true }, (socket) => void serveConnection(socket));
  server.on('error', (e) => logger.error({ err: { message: e.message } }, 'listener error'));

  async function serveConnection(socket: Socket): Promise<void> {
    socket.on('error', () => undefined);
    if (sockets.size >= config.icap.maxConnections || closing) {
      logger.warn({ remote: socket.remoteAddress }, 'connection refused: limit reached');
      options.metrics?.refused(503);
      await sendStatus(socket, 503, { istag: env.istag, close: true }).catch(() => undefined);
      socket.end();
      return;
    }
    const state = { busy: false };
    sockets.set(socket, state);
    const reader = new SocketReader(socket, config.icap);
    try {
      for (;;) {
        const raw = await reader.readHead(config.icap.maxHeaderBytes, true);
        if (raw === null) break;
        state.busy = true;
        const keepAlive = await serveTransaction(socket, reader, parseHead(raw), env);
        state.busy = false;
        if (!keepAlive || closing) break;
      }
      socket.end();
    } catch (e) {
      await answerFailure(socket, e);
    } finally {
      sockets.delete(socket);
    }
  }

  async function answerFailure(socket: Socket, e: unknown): Promise<void> {
    const err = e instanceof MamoriError ? e : null;
    const status = err ? err.status : 500;
    if (!err) logger.error({ err: { message: (e as Error).message, stack: (e as Error).stack } }, 'internal error');
    else if (status !== 0) logger.warn({ code: err.code, status, reason: err.message, remote: socket.remoteAddress }, 'bad request');
    if (status > 0 && !socket.destroyed) {
      const answer = status >= 400 && status < 600 ? status : 400;
      options.metrics?.refused(answer);
      await sendStatus(socket, answer, { istag: env.istag, close: true }).catch(() => undefined);
      socket.end();
    } else {
      socket.destroy();
    }
  }

  options.metrics?.observeConnections(() => sockets.size);
  return {
    get connections() {
      return sockets.size;
    },
    listen(host, port) {
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen({ host, port }, () => {
          server.off('error', reject);
          const addr = server.address();
          if (addr === null || typeof addr === 'string') return reject(new MamoriError('ERR_INTERNAL', 'no listening address'));
          resolve({ host: addr.address, port: addr.port });
        });
      });
    },
    async close(graceMs = config.icap.shutdownGraceSeconds * 1000) {
      closing = true;
      const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const [socket, state] of sockets) {
        if (state.busy) continue;
        socket.end();
        setTimeout(() => socket.destroy(), 1000).unref();
      }
      const deadline = Date.now() + graceMs;
      while (sockets.size > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
      for (const socket of sockets.keys()) socket.destroy();
      await stopped;
      await recorder.drain();
    },
  };
}
