import type { Logger } from 'pino';
import { OutboxDispatcher, tcpSyslogSink, udpSyslogSink, webhookSink, type Sink } from '../respond/index.js';
import type { Store } from '../store/index.js';
import type { CliContext } from './context.js';
import { syncIncidents } from './incidents-sync.js';

/** How often a running service correlates new events and findings into incidents. */
const CORRELATE_EVERY_MS = 5000;
/** How often queued SIEM notices are tried (backoff per message is the outbox's). */
const DELIVER_EVERY_MS = 2000;

/** The SIEM sinks the config names (syslog, webhook). */
export function configuredSinks(ctx: CliContext): Sink[] {
  const r = ctx.config.respond;
  const sinks: Sink[] = [];
  if (r.syslog) sinks.push(r.syslog.protocol === 'udp' ? udpSyslogSink(r.syslog) : tcpSyslogSink(r.syslog));
  if (r.webhook) sinks.push(webhookSink(r.webhook));
  return sinks;
}

/**
 * What a long-running service does besides answering: keeps incidents current with the events it records
 * and delivers queued SIEM notices, retrying through outages. Returns a function that stops both; a pass
 * that fails is logged and tried again at the next tick, never fatal.
 *
 * @example
 * const stop = startBackgroundResponse(ctx, store, logger);
 * stop();
 */
export function startBackgroundResponse(ctx: CliContext, store: Store, logger: Logger): () => void {
  let busy = false;
  const correlate = setInterval(() => {
    if (busy) return;
    busy = true;
    syncIncidents(ctx, store)
      .then((r) => {
        if (r.created.length || r.escalated.length) logger.info({ created: r.created.length, escalated: r.escalated.length, updated: r.updated.length }, 'incidents updated');
      })
      .catch((e: unknown) => logger.warn({ err: (e as Error).message }, 'incident correlation failed; retrying'))
      .finally(() => (busy = false));
  }, CORRELATE_EVERY_MS);
  correlate.unref();
  const sinks = configuredSinks(ctx);
  const stopDispatch = sinks.length
    ? new OutboxDispatcher({ db: store.db, sinks, ...ctx.config.respond.outbox }).start(DELIVER_EVERY_MS, (e) => logger.warn({ err: (e as Error).message }, 'SIEM delivery failed; will retry'))
    : () => undefined;
  return () => {
    clearInterval(correlate);
    stopDispatch();
  };
}
