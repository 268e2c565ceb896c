import { listOutbox, markOutboxDelivered, markOutboxFailed, pendingOutbox, type Db } from '../store/index.js';
import type { Sink } from './sink.js';

export interface DispatcherOptions {
  readonly db: Db;
  readonly sinks: readonly Sink[];
  readonly batchSize?: number;
  readonly baseDelayMs?: number;
  readonly maxDelayMs?: number;
  /** 0 retries for ever. */
  readonly maxAttempts?: number;
  readonly now?: () => Date;
}

export interface DispatchReport {
  delivered: number;
  failed: number;
  dead: number;
}

/** Exponential backoff with jitter: base·2^attempts, capped, times 0.5..1 so that many senders do not retry in step. */
export function backoffMs(attempts: number, baseMs: number, maxMs: number, random = Math.random): number {
  const raw = Math.min(maxMs, baseMs * 2 ** Math.min(attempts, 30));
  return Math.max(1, Math.round(raw * (0.5 + random() / 2)));
}

/**
 * Delivers the durable outbox to its sinks: per sink, the oldest pending messages in order; what a sink accepted
 * is marked delivered, the rest waits for its backoff (a temporary outage delays but loses nothing). A message
 * the sink refuses for good (HTTP 400) is set aside as `dead` so it does not block those after it.
 *
 * @example
 * const d = new OutboxDispatcher({ db: store.db, sinks: [tcpSyslogSink(cfg.syslog)] });
 * const stop = d.start(1000);
 */
export class OutboxDispatcher {
  private running: Promise<DispatchReport> | null = null;

  constructor(private readonly opts: DispatcherOptions) {}

  private now(): Date {
    return this.opts.now?.() ?? new Date();
  }

  /** One pass over every sink; concurrent calls share the pass in progress. */
  runOnce(): Promise<DispatchReport> {
    this.running ??= this.pass().finally(() => (this.running = null));
    return this.running;
  }

  private async pass(): Promise<DispatchReport> {
    const report: DispatchReport = { delivered: 0, failed: 0, dead: 0 };
    for (const sink of this.opts.sinks) {
      for (let round = 0; round < 100; round++) {
        const now = this.now();
        const pending = await pendingOutbox(this.opts.db, sink.name, this.opts.batchSize ?? 100);
        // Order matters to a SIEM: the first message still waiting holds back the later ones.
        const due: typeof pending = [];
        for (const m of pending) {
          if (Date.parse(m.nextAttemptAt) > now.getTime()) break;
          due.push(m);
        }
        if (due.length === 0) break;
        const result = await sink.deliver(due.map((m) => m.payload));
        const ok = due.slice(0, result.delivered);
        await markOutboxDelivered(this.opts.db, ok.map((m) => m.id), this.now());
        report.delivered += ok.length;
        if (!result.error) continue;
        const rest = due.slice(result.delivered);
        const max = this.opts.maxAttempts ?? 0;
        if (result.error.permanent) {
          await markOutboxFailed(this.opts.db, [rest[0]!.id], { error: result.error.message, nextAttemptAt: this.now(), dead: true });
          report.dead += 1;
          continue;
        }
        for (const m of rest) {
          const dead = max > 0 && m.attempts + 1 >= max;
          const delay = backoffMs(m.attempts, this.opts.baseDelayMs ?? 1000, this.opts.maxDelayMs ?? 300_000);
          await markOutboxFailed(this.opts.db, [m.id], { error: result.error.message, nextAttemptAt: new Date(this.now().getTime() + delay), dead });
          if (dead) report.dead += 1;
          else report.failed += 1;
        }
        break;
      }
    }
    return report;
  }

  /** Runs a pass every `intervalMs` (never two at once) until the returned function is called. */
  start(intervalMs: number, onError: (e: unknown) => void = () => undefined): () => void {
    let stopped = false;
    let timer: NodeJS.Timeout | undefined;
    const tick = () => {
      this.runOnce()
        .catch(onError)
        .finally(() => {
          if (!stopped) timer = setTimeout(tick, intervalMs);
        });
    };
    timer = setTimeout(tick, 0);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }

  /** Messages still waiting, per sink. */
  async backlog(): Promise<Record<string, number>> {
    const out: Record<string, number> = {};
    for (const m of await listOutbox(this.opts.db, { status: 'pending', limit: 100_000 })) out[m.sink] = (out[m.sink] ?? 0) + 1;
    return out;
  }
}
