import type { Logger } from 'pino';
import type { MamoriConfig } from '../config/index.js';
import { MamoriError } from '../core/index.js';
import { createIcapServer, createWorkerRecorder } from '../icap/index.js';
import { parseListen } from '../server/index.js';
import type { Store } from '../store/index.js';
import type { CliContext } from './context.js';
import { buildInspector } from './inspector.js';

/** A running ICAP service and how to stop it (in-flight transactions finish first). */
export interface IcapService {
  readonly host: string;
  readonly port: number;
  readonly inFlight: () => number;
  close(): Promise<void>;
}

/**
 * Starts the ICAP server on an open store, as both `mamori icap` and `mamori serve` run it: the live
 * inspector (registry, quarantine list followed as it changes, the configured policy), and on SQLite the
 * event commits (fsync) on a worker thread so the event loop keeps serving.
 *
 * @example
 * const icap = await startIcapService(ctx, store, '127.0.0.1:1344', logger);
 * await icap.close();
 */
export async function startIcapService(ctx: CliContext, store: Store, listen: string, logger: Logger, config: MamoriConfig = ctx.config): Promise<IcapService> {
  const { host, port } = parseListen(listen);
  const recorder = ctx.storeConfig.kind === 'sqlite' ? await createWorkerRecorder(ctx.storeConfig) : undefined;
  const live = await buildInspector({ ...ctx, config }, store.db, { live: true });
  const server = createIcapServer({ config, taxonomy: ctx.taxonomy, db: store.db, inspector: live.inspector, policy: live.policy, logger, ...(recorder ? { recorder } : {}) });
  const close = async () => {
    await server.close();
    await live.stop();
    await recorder?.close();
  };
  try {
    const bound = await server.listen(host, port);
    return { host: bound.host, port: bound.port, inFlight: () => server.connections, close };
  } catch (e) {
    await close();
    throw new MamoriError('ERR_USAGE', `cannot listen for ICAP on ${host}:${port}: ${(e as Error).message}`, { cause: e });
  }
}
