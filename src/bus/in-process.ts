import { MamoriError } from '../core/index.js';
import type { BatchHandler, BusTransport, DeadLetter, IncomingMessage, OutgoingMessage, PublishResult, Subscription } from './transport.js';

/** `a.b.>` matches `a.b.c` and deeper, `*` one token; otherwise tokens match exactly. */
export function subjectMatches(pattern: string, subject: string): boolean {
  const p = pattern.split('.');
  const s = subject.split('.');
  for (let i = 0; i < p.length; i++) {
    if (p[i] === '>') return s.length > i;
    if (i >= s.length || (p[i] !== '*' && p[i] !== s[i])) return false;
  }
  return p.length === s.length;
}

interface Subscriber {
  readonly subject: string;
  readonly handler: BatchHandler;
  readonly maxDeliver: number;
}

/**
 * The transport of one box: a publish hands the batch to the subscriber in this process and is accepted once the
 * subscriber stored it, so the forwarder's cursor never passes an event the other side has not committed. Without a
 * subscriber nothing is accepted (the publisher keeps its cursor and retries). Message ids are remembered, like
 * JetStream's duplicate window, so a re-sent message is not handled twice.
 *
 * @example
 * const bus = createInProcessTransport();
 * await bus.subscribe({ durable: 'centre', subject: 'mamori.events.>', batchSize: 500, maxDeliver: 5 }, handler);
 * await bus.publish([{ subject: 'mamori.events.mof', id: event.id, data: encodeEvent(event) }]);
 */
export function createInProcessTransport(options: { rememberIds?: number; keepDead?: number } = {}): BusTransport {
  const remember = options.rememberIds ?? 100_000;
  const keepDead = options.keepDead ?? 10_000;
  const subscribers: Subscriber[] = [];
  const seen = new Set<string>();
  const attempts = new Map<string, number>();
  const dead: DeadLetter[] = [];
  let queue: Promise<unknown> = Promise.resolve();

  function remembered(id: string): void {
    seen.add(id);
    if (seen.size > remember) seen.delete(seen.values().next().value!);
  }

  async function deliver(messages: readonly OutgoingMessage[]): Promise<PublishResult> {
    let accepted = 0;
    let duplicates = 0;
    let i = 0;
    while (i < messages.length) {
      const sub = subscribers.find((s) => subjectMatches(s.subject, messages[i]!.subject));
      if (!sub) return { accepted, duplicates, error: new MamoriError('ERR_BUS', `no subscriber in this process for ${messages[i]!.subject}`) };
      // The longest run of messages for the same subscriber goes as one batch.
      let j = i;
      while (j < messages.length && subjectMatches(sub.subject, messages[j]!.subject)) j++;
      const run = messages.slice(i, j);
      const fresh = run.filter((m) => !seen.has(m.id));
      duplicates += run.length - fresh.length;
      const batch: IncomingMessage[] = fresh.map((m) => ({ subject: m.subject, id: m.id, data: m.data, deliveryCount: (attempts.get(m.id) ?? 0) + 1 }));
      let outcomes;
      try {
        outcomes = batch.length ? await sub.handler(batch) : [];
      } catch (e) {
        return { accepted, duplicates, error: e instanceof Error ? e : new Error(String(e)) };
      }
      for (let k = 0; k < run.length; k++) {
        const m = run[k]!;
        if (seen.has(m.id) && !fresh.includes(m)) {
          accepted++;
          continue;
        }
        const idx = fresh.indexOf(m);
        const outcome = outcomes[idx] ?? { kind: 'retry', delayMs: 0 };
        if (outcome.kind === 'retry') {
          const n = (attempts.get(m.id) ?? 0) + 1;
          if (n < sub.maxDeliver) {
            attempts.set(m.id, n);
            return { accepted, duplicates, error: new MamoriError('ERR_BUS', `subscriber could not store message ${m.id} yet (delivery ${n})`) };
          }
          // Bounded like JetStream's max_deliver: past it the message is set aside rather than retried for ever.
          dead.push({ subject: m.subject.replace('.events.', '.dead.'), id: m.id, reason: `not stored after ${n} deliveries`, originalSubject: m.subject, data: m.data });
        } else if (outcome.kind === 'dead') {
          dead.push({ subject: outcome.deadSubject, id: m.id, reason: outcome.reason, originalSubject: m.subject, data: m.data });
        }
        if (dead.length > keepDead) dead.shift();
        attempts.delete(m.id);
        remembered(m.id);
        accepted++;
      }
      i = j;
    }
    return { accepted, duplicates };
  }

  return {
    kind: 'in-process',
    describe: 'in-process',
    publish(messages) {
      // One publish at a time keeps messages in order, as a stream would.
      const next = queue.then(() => deliver(messages));
      queue = next.catch(() => undefined);
      return next;
    },
    subscribe(opts, handler): Promise<Subscription> {
      const sub: Subscriber = { subject: opts.subject, handler, maxDeliver: opts.maxDeliver };
      subscribers.push(sub);
      return Promise.resolve({
        async stop() {
          const i = subscribers.indexOf(sub);
          if (i >= 0) subscribers.splice(i, 1);
          await queue;
        },
      });
    },
    deadLetters: (limit = 100) => Promise.resolve(dead.slice(-limit)),
    consumerInfo: () => Promise.resolve(undefined),
    async close() {
      subscribers.length = 0;
      await queue;
    },
  };
}
