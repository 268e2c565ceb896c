import { MamoriError } from '../core/index.js';
import { backoffMs } from '../respond/index.js';
import { committedEventsAfter, countEventsAfter, getBusCursor, saveBusCursor, type BusCursor, type Db, type DialectName } from '../store/index.js';
import { encodeEvent, subjects } from './message.js';
import type { BusTransport } from './transport.js';

export interface ForwarderOptions {
  readonly db: Db;
  readonly dialect: DialectName;
  readonly transport: BusTransport;
  readonly subjectPrefix: string;
  /** Name of the durable cursor in the local store; one per destination (`events:<stream>`). */
  readonly cursorName: string;
  readonly batchSize?: number;
  /** Batches per pass before yielding to the next tick. */
  readonly maxBatchesPerPass?: number;
  readonly baseDelayMs?: number;
  readonly maxDelayMs?: number;
}

export interface ForwardReport {
  forwarded: number;
  /** Of those, how many the transport already had (a re-send after a crash or an outage). */
  duplicates: number;
  /** True when the pass stopped at its batch limit with more to send. */
  more: boolean;
}

/** Where a forwarder stands: its cursor and how many committed events are not forwarded yet. */
export interface ForwarderStatus {
  readonly cursor: BusCursor | undefined;
  readonly lag: number;
}

/**
 * The sensor side of the bus: reads events this store has committed, in commit order after a durable cursor, and
 * publishes them (subject `<prefix>.events.<org>`, the event id as message id). The cursor moves only past what the
 * transport accepted, so a restart or an outage of the centre resends from there and loses nothing; a re-sent
 * event is dropped by the stream's duplicate window and by the centre's insert. It reads committed rows on its
 * own schedule: the ICAP answer path never waits for it.
 *
 * @example
 * const fwd = new EventForwarder({ db: store.db, dialect: store.dialect, transport, subjectPrefix: 'mamori', cursorName: 'events:MAMORI' });
 * const stop = fwd.start(1000, (e) => logger.warn({ err: e.message }, 'forwarding failed'));
 */
export class EventForwarder {
  private running: Promise<ForwardReport> | null = null;
  private readonly subjects;

  constructor(private readonly opts: ForwarderOptions) {
    this.subjects = subjects(opts.subjectPrefix);
  }

  /** One pass: batches until nothing is left or the pass limit; concurrent calls share the pass in progress. */
  runOnce(): Promise<ForwardReport> {
    this.running ??= this.pass().finally(() => (this.running = null));
    return this.running;
  }

  private async pass(): Promise<ForwardReport> {
    const { db, dialect, transport, cursorName } = this.opts;
    const report: ForwardReport = { forwarded: 0, duplicates: 0, more: false };
    let position = (await getBusCursor(db, cursorName))?.position ?? '';
    const rounds = this.opts.maxBatchesPerPass ?? 20;
    for (let round = 0; round < rounds; round++) {
      const page = await committedEventsAfter(db, dialect, position, this.opts.batchSize ?? 500);
      if (page.length === 0) return report;
      const result = await transport.publish(page.map((c) => ({ subject: this.subjects.events(c.event.org), id: c.event.id, data: encodeEvent(c.event) })));
      if (result.accepted > 0) {
        position = page[result.accepted - 1]!.position;
        await saveBusCursor(db, cursorName, { position, count: result.accepted, error: null });
        report.forwarded += result.accepted;
        report.duplicates += result.duplicates;
      }
      if (result.error) {
        await saveBusCursor(db, cursorName, { error: result.error.message });
        throw new MamoriError('ERR_BUS', `forwarded ${report.forwarded}, then: ${result.error.message}`, { cause: result.error });
      }
      if (page.length < (this.opts.batchSize ?? 500)) return report;
    }
    report.more = true;
    return report;
  }

  /**
   * Runs passes until the returned function is called: every `intervalMs` when caught up, at once while a backlog
   * remains, and with exponential backoff (base..max delay, jittered) after failures. Stopping waits for the pass
   * in progress.
   */
  start(intervalMs: number, onError: (e: Error) => void = () => undefined, onPass: (r: ForwardReport) => void = () => undefined): () => Promise<void> {
    let stopped = false;
    let failures = 0;
    let timer: NodeJS.Timeout | undefined;
    const tick = () => {
      void this.runOnce()
        .then((r) => {
          failures = 0;
          onPass(r);
          return r.more ? 0 : intervalMs;
        })
        .catch((e: unknown) => {
          onError(e as Error);
          return backoffMs(failures++, this.opts.baseDelayMs ?? 1000, this.opts.maxDelayMs ?? 60_000);
        })
        .then((delay) => {
          if (!stopped) timer = setTimeout(tick, delay);
        });
    };
    timer = setTimeout(tick, 0);
    return async () => {
      stopped = true;
      clearTimeout(timer);
      await this.running?.catch(() => undefined);
    };
  }

  /** The cursor and the number of committed events after it. */
  async status(): Promise<ForwarderStatus> {
    const cursor = await getBusCursor(this.opts.db, this.opts.cursorName);
    return { cursor, lag: await countEventsAfter(this.opts.db, this.opts.dialect, cursor?.position ?? '') };
  }
}
