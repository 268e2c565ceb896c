import type { Logger } from 'pino';
import type { MamoriConfig } from '../config/index.js';
import { MamoriError } from '../core/index.js';
import { createIcapMetrics, createIcapServer, createInspectPool, createWorkerRecorder, inspectWorkerCount, type InspectPool } from '../icap/index.js';
import { parseListen } from '../server/index.js';
import type { Inspector } from '../inspect.js';
import type { Store } from '../store/index.js';
import type { CliContext } from './context.js';
import { buildInspector, type PolicyFollow } from './inspector.js';
import { startMetricsListener, type MetricsListener } from './metrics-listener.js';

/** A running ICAP service and how to stop it (in-flight transactions finish first). */
export interface IcapService {
  readonly host: string;
  readonly port: number;
  readonly inFlight: () => number;
  /** Inspection worker threads (0: inspection on the event loop). */
  readonly inspectWorkers: number;
  /** The Prometheus endpoint, when `icap.metricsListen` is set. */
  readonly metrics?: { readonly host: string; readonly port: number };
  /** Re-reads the quarantine list and the registry now instead of at the next refresh tick. */
  refresh(): Promise<void>;
  close(): Promise<void>;
}

/**
 * The context with `icap.metricsListen` set from a `--metrics` option (unchanged without one).
 *
 * @example
 * const ctx = withMetricsListen(createContext(program.opts()), opts.metrics);
 */
export function withMetricsListen(ctx: CliContext, listen: string | undefined): CliContext {
  if (listen === undefined) return ctx;
  return Object.freeze({ ...ctx, config: Object.freeze({ ...ctx.config, icap: Object.freeze({ ...ctx.config.icap, metricsListen: listen }) }) });
}

/**
 * Starts the ICAP server on an open store, as both `mamori icap` and `mamori serve` run it: the live
 * inspector (registry, quarantine list followed as it changes, the configured policy), inspection on
 * `icap.inspectWorkers` worker threads that are told every change of that state, and on SQLite the
 * event commits (fsync) on a worker thread so the event loop keeps serving.
 *
 * @example
 * const icap = await startIcapService(ctx, store, '127.0.0.1:1344', logger);
 * await icap.close();
 */
export async function startIcapService(
  ctx: CliContext,
  store: Store,
  listen: string,
  logger: Logger,
  config: MamoriConfig = ctx.config,
  policyFollow?: PolicyFollow,
): Promise<IcapService> {
  const { host, port } = parseListen(listen);
  const recorder = ctx.storeConfig.kind === 'sqlite' ? await createWorkerRecorder(ctx.storeConfig) : undefined;
  let pool: InspectPool | undefined;
  // The main thread loads its state first and the workers after it, so a worker is never behind the main
  // thread: a change it already has is pushed again at the next refresh, harmlessly.
  const live = await buildInspector({ ...ctx, config }, store.db, {
    live: true,
    listeners: { quarantine: (ips) => pool?.setQuarantine(ips), registry: (u) => pool?.updateRegistry(u), policy: (p) => pool?.setPolicy(p) },
    ...(policyFollow ? { policyFollow } : {}),
  });
  const workers = inspectWorkerCount(config.icap);
  try {
    if (workers > 0) {
      const split = config.icap.splitInspectionFromBytes > 0 ? { split: { fromBytes: config.icap.splitInspectionFromBytes, combine: live.inspector.combine, hasDocuments: live.hasDocuments } } : {};
      pool = await createInspectPool({
        size: workers,
        config,
        store: ctx.storeConfig,
        ...(live.snapshot ? { snapshot: live.snapshot } : {}),
        timeoutMs: config.icap.inspectTimeoutMs,
        quarantine: live.quarantined(),
        ...split,
      });
      pool.setQuarantine(live.quarantined());
    }
  } catch (e) {
    await live.stop();
    await recorder?.close();
    throw e;
  }
  // Small bodies on the event loop, large ones on the workers; both inspect with the same live state (the
  // main thread's is the one pushed to the workers).
  const inline = live.inspector;
  const inlineBelow = config.icap.inspectInlineBelowBytes;
  const workerPool = pool;
  const inspector: Inspector = workerPool ? { inspect: (content, context) => (content.byteLength < inlineBelow ? inline : workerPool).inspect(content, context) } : inline;
  const metricsListen = config.icap.metricsListen;
  const metrics = metricsListen !== undefined ? createIcapMetrics() : undefined;
  const server = createIcapServer({
    config,
    taxonomy: ctx.taxonomy,
    db: store.db,
    inspector,
    policy: { decide: (input) => live.policy.decide(input) },
    logger,
    ...(recorder ? { recorder } : {}),
    ...(metrics ? { metrics } : {}),
  });
  let metricsListener: MetricsListener | undefined;
  const close = async () => {
    await metricsListener?.close();
    await server.close();
    await live.stop();
    await pool?.close();
    await recorder?.close();
    const commits = recorder?.stats();
    if (commits && commits.commits > 0) logger.info({ ...commits, meanBatch: Number((commits.events / commits.commits).toFixed(2)) }, 'event commits');
  };
  let bound: { host: string; port: number };
  try {
    bound = await server.listen(host, port);
  } catch (e) {
    await close();
    throw new MamoriError('ERR_USAGE', `cannot listen for ICAP on ${host}:${port}: ${(e as Error).message}`, { cause: e });
  }
  if (metrics && metricsListen !== undefined) {
    try {
      metricsListener = await startMetricsListener(metricsListen, metrics.registry);
    } catch (e) {
      await close();
      throw e;
    }
    logger.info({ host: metricsListener.host, port: metricsListener.port }, `metrics at http://${metricsListener.host}:${metricsListener.port}/metrics`);
  }
  return {
    host: bound.host,
    port: bound.port,
    inFlight: () => server.connections,
    inspectWorkers: workers,
    ...(metricsListener ? { metrics: { host: metricsListener.host, port: metricsListener.port } } : {}),
    refresh: () => live.refresh(),
    close,
  };
}
