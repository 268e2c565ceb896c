import type { Logger } from 'pino';
import type { MamoriEvent } from '../core/index.js';
import { backoffMs } from '../respond/index.js';
import { insertEventsIfAbsent, listOrgs, type Db } from '../store/index.js';
import { decodeEvent, subjects } from './message.js';
import type { BusTransport, IncomingMessage, Outcome, Subscription } from './transport.js';

export interface IngestorOptions {
  readonly db: Db;
  readonly transport: BusTransport;
  readonly subjectPrefix: string;
  /** Durable consumer name: one per central store. */
  readonly durable: string;
  readonly batchSize?: number;
  /** Deliveries of a message that cannot be stored before it goes to the dead letters. */
  readonly maxDeliver?: number;
  readonly ackWaitSeconds?: number;
  readonly logger?: Pick<Logger, 'warn' | 'info' | 'error'>;
  /** Called with the events a batch newly stored, after the commit. */
  readonly onStored?: (events: readonly MamoriEvent[]) => void;
}

/** What the ingestor has done since it started. */
export interface IngestStats {
  stored: number;
  duplicates: number;
  dead: number;
  retried: number;
}

type Checked = { ok: true; event: MamoriEvent } | { ok: false; outcome: Outcome };

/**
 * The central side of the bus: a durable consumer that stores every organisation's events in this store. A batch is
 * inserted in one transaction and acknowledged only after it committed; an event already stored (same id) is not
 * stored again. A message that is not a valid event, names another organisation than its subject, or names an
 * organisation this centre does not know goes to the dead letters with the reason, logged; one that cannot be
 * stored (database down) is delivered again with backoff, and set aside after `maxDeliver` deliveries.
 *
 * @example
 * const ingestor = new EventIngestor({ db: store.db, transport, subjectPrefix: 'mamori', durable: 'mamori-centre', logger });
 * const sub = await ingestor.start();
 * await sub.stop();
 */
export class EventIngestor {
  readonly stats: IngestStats = { stored: 0, duplicates: 0, dead: 0, retried: 0 };
  private readonly subjects;
  private knownOrgs: Set<string> | undefined;
  private orgsFresh = false;

  constructor(private readonly opts: IngestorOptions) {
    this.subjects = subjects(opts.subjectPrefix);
  }

  /** Subscribes on the transport; resolves once the consumer exists. */
  start(onError: (e: unknown) => void = (e) => this.opts.logger?.warn({ err: (e as Error).message }, 'bus consumer failed; retrying')): Promise<Subscription> {
    return this.opts.transport.subscribe(
      { durable: this.opts.durable, subject: this.subjects.allEvents, batchSize: this.opts.batchSize ?? 500, maxDeliver: this.opts.maxDeliver ?? 20, ...(this.opts.ackWaitSeconds ? { ackWaitSeconds: this.opts.ackWaitSeconds } : {}) },
      (batch) => this.handle(batch),
      onError,
    );
  }

  private dead(m: IncomingMessage, org: string | undefined, reason: string): Outcome {
    this.stats.dead++;
    this.opts.logger?.warn({ subject: m.subject, id: m.id, deliveries: m.deliveryCount, reason }, 'bus message set aside as a dead letter');
    return { kind: 'dead', reason, deadSubject: this.subjects.dead(org ?? 'unknown') };
  }

  private async orgKnown(org: string): Promise<boolean> {
    if (this.knownOrgs?.has(org)) return true;
    if (this.orgsFresh) return false;
    // An organisation added on the centre since the last look is picked up here: at most one look per batch,
    // however many unknown names a hostile sender makes up.
    this.knownOrgs = new Set((await listOrgs(this.opts.db)).map((o) => o.name));
    this.orgsFresh = true;
    return this.knownOrgs.has(org);
  }

  private async check(m: IncomingMessage): Promise<Checked> {
    const subjectOrg = this.subjects.orgOfEvents(m.subject);
    const d = decodeEvent(m.data);
    if (!d.ok) return { ok: false, outcome: this.dead(m, subjectOrg, d.reason) };
    if (subjectOrg !== d.event.org) return { ok: false, outcome: this.dead(m, subjectOrg, `event of organisation "${d.event.org}" on subject ${m.subject}`) };
    if (m.id !== undefined && m.id !== d.event.id) return { ok: false, outcome: this.dead(m, subjectOrg, `message id ${m.id} is not the event id ${d.event.id}`) };
    if (!(await this.orgKnown(d.event.org))) return { ok: false, outcome: this.dead(m, subjectOrg, `unknown organisation "${d.event.org}": add it on the centre (mamori org add) to accept its events`) };
    return { ok: true, event: d.event };
  }

  private async store(events: readonly MamoriEvent[]): Promise<MamoriEvent[]> {
    return this.opts.db.transaction().execute((trx) => insertEventsIfAbsent(trx, events));
  }

  private failed(m: IncomingMessage, org: string, error: unknown): Outcome {
    const max = this.opts.maxDeliver ?? 20;
    if (m.deliveryCount >= max) return this.dead(m, org, `not stored after ${m.deliveryCount} deliveries: ${(error as Error).message}`);
    this.stats.retried++;
    return { kind: 'retry', delayMs: backoffMs(m.deliveryCount - 1, 1000, 60_000) };
  }

  /** Handles one delivered batch (the transport calls this); one outcome per message. */
  async handle(batch: readonly IncomingMessage[]): Promise<Outcome[]> {
    const outcomes: Outcome[] = new Array<Outcome>(batch.length);
    const valid: { i: number; event: MamoriEvent }[] = [];
    this.orgsFresh = false;
    for (let i = 0; i < batch.length; i++) {
      const c = await this.check(batch[i]!);
      if (c.ok) valid.push({ i, event: c.event });
      else outcomes[i] = c.outcome;
    }
    // The same event twice in one batch is stored once.
    const unique = [...new Map(valid.map((v) => [v.event.id, v.event])).values()];
    try {
      const fresh = await this.store(unique);
      this.stats.stored += fresh.length;
      this.stats.duplicates += valid.length - fresh.length;
      for (const v of valid) outcomes[v.i] = { kind: 'ack' };
      if (fresh.length) this.opts.onStored?.(fresh);
    } catch (e) {
      // Find the one that fails (a row the database refuses) so it does not hold back the rest of the batch.
      this.opts.logger?.warn({ err: (e as Error).message, batch: unique.length }, 'storing a bus batch failed; storing one by one');
      for (const v of valid) {
        try {
          const fresh = await this.store([v.event]);
          this.stats.stored += fresh.length;
          this.stats.duplicates += 1 - fresh.length;
          outcomes[v.i] = { kind: 'ack' };
          if (fresh.length) this.opts.onStored?.(fresh);
        } catch (e2) {
          outcomes[v.i] = this.failed(batch[v.i]!, v.event.org, e2);
        }
      }
    }
    return outcomes;
  }
}
