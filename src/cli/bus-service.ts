import type { Logger } from 'pino';
import { createTransport, EventForwarder, EventIngestor, forwarderCursorName, type BusTransport, type Subscription } from '../bus/index.js';
import { MamoriError } from '../core/index.js';
import type { Store } from '../store/index.js';
import type { CliContext } from './context.js';

/** The bus parts a service runs and how to stop them. */
export interface BusService {
  readonly transport: BusTransport;
  close(): Promise<void>;
}

/**
 * Starts what the config's `bus:` asks of this process: the forwarder of this store's committed events
 * (`bus.forward.enabled`, `mamori icap` and `mamori serve`) and, when `consume` is allowed (`mamori serve`), the
 * central consumer (`bus.consume.enabled`). Returns undefined when neither is on. A forwarding failure is logged
 * and retried with backoff; it never stops the service, and the events wait in the store.
 *
 * @example
 * const bus = await startBusService(ctx, store, logger, { consume: true });
 * await bus?.close();
 */
export async function startBusService(ctx: CliContext, store: Store, logger: Logger, options: { consume: boolean }): Promise<BusService | undefined> {
  const config = ctx.config.bus;
  const forward = config.forward.enabled;
  const consume = options.consume && config.consume.enabled;
  if (!forward && !consume) return undefined;
  if (config.transport === 'in-process') {
    // One box has one store: its events are already where the console reads them.
    throw new MamoriError('ERR_CONFIG', 'bus.forward and bus.consume need bus.transport: nats (in-process is one box with one store: nothing to move)');
  }
  const transport = createTransport(config, `mamori-${ctx.config.org}-${ctx.host}`);
  let stopForward: (() => Promise<void>) | undefined;
  let sub: Subscription | undefined;
  const close = async () => {
    await stopForward?.();
    await sub?.stop();
    await transport.close();
  };
  try {
    if (consume) {
      const ingestor = new EventIngestor({ db: store.db, transport, subjectPrefix: config.nats.subjectPrefix, durable: config.consume.durable, batchSize: config.consume.batchSize, maxDeliver: config.consume.maxDeliver, ackWaitSeconds: config.consume.ackWaitSeconds, logger });
      sub = await ingestor.start();
      logger.info({ bus: transport.describe, durable: config.consume.durable }, 'storing events of every organisation from the bus');
    }
    if (forward) {
      const forwarder = new EventForwarder({ db: store.db, dialect: store.dialect, transport, subjectPrefix: config.nats.subjectPrefix, cursorName: forwarderCursorName(config), batchSize: config.forward.batchSize, baseDelayMs: config.forward.baseDelayMs, maxDelayMs: config.forward.maxDelayMs });
      let failing = false;
      stopForward = forwarder.start(
        config.forward.intervalMs,
        (e) => {
          if (!failing) logger.warn({ err: e.message, bus: transport.describe }, 'forwarding events failed; they wait in the store and are retried');
          else logger.debug({ err: e.message }, 'forwarding still failing');
          failing = true;
        },
        (r) => {
          if (failing) logger.info({ forwarded: r.forwarded }, 'forwarding events again');
          failing = false;
        },
      );
      logger.info({ bus: transport.describe, org: ctx.config.org }, 'forwarding committed events to the bus');
    }
  } catch (e) {
    await close();
    throw e instanceof MamoriError ? e : new MamoriError('ERR_BUS', `cannot start the bus: ${(e as Error).message}`, { cause: e });
  }
  return { transport, close };
}
