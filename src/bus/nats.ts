import { readFileSync } from 'node:fs';
import {
  AckPolicy,
  DeliverPolicy,
  jetstream,
  jetstreamManager,
  JetStreamApiError,
  RetentionPolicy,
  StorageType,
  type Consumer,
  type JetStreamClient,
  type JetStreamManager,
  type JsMsg,
} from '@nats-io/jetstream';
import { connect, credsAuthenticator, headers, nanos, type NatsConnection, type NodeConnectionOptions } from '@nats-io/transport-node';
import { MamoriError } from '../core/index.js';
import type { NatsConfig } from './config.js';
import { subjects } from './message.js';
import type { BatchHandler, BusTransport, DeadLetter, IncomingMessage, OutgoingMessage, PublishResult, Subscription } from './transport.js';

/** Headers a dead letter carries besides the original payload. */
export const DEAD_REASON_HEADER = 'Mamori-Dead-Reason';
export const DEAD_SUBJECT_HEADER = 'Mamori-Original-Subject';

function readSecret(path: string, what: string): string {
  try {
    return readFileSync(path, 'utf8').trim();
  } catch (e) {
    // The path is configuration, not a secret; the content is never shown.
    throw new MamoriError('ERR_CONFIG', `cannot read bus ${what} file ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, { cause: e });
  }
}

/** Connection options from the config, credentials read from their files. */
export function natsConnectOptions(config: NatsConfig, name: string): NodeConnectionOptions {
  const opts: NodeConnectionOptions = {
    servers: config.servers,
    name,
    // A sensor outlives any outage of the centre: reconnect for ever, a second apart.
    maxReconnectAttempts: -1,
    reconnectTimeWait: 1000,
    timeout: Math.min(config.timeoutMs, 5000),
  };
  if (config.tokenFile) opts.token = readSecret(config.tokenFile, 'token');
  if (config.user && config.passwordFile) {
    opts.user = config.user;
    opts.pass = readSecret(config.passwordFile, 'password');
  }
  if (config.credsFile) opts.authenticator = credsAuthenticator(new TextEncoder().encode(readSecret(config.credsFile, 'credentials')));
  return opts;
}

function isNotFound(e: unknown): boolean {
  return e instanceof JetStreamApiError && (e.code === 10059 || e.code === 10014);
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());

/**
 * The central transport: events in a JetStream stream (`<stream>`, subjects `<prefix>.events.<org>`), de-duplicated
 * by message id within the duplicate window; dead letters in `<stream>_DEAD` (`<prefix>.dead.<org>`) with the
 * reason in a header. Connects on first use and reconnects for ever; a publish during an outage fails after
 * `timeoutMs` and the publisher keeps its cursor.
 *
 * @example
 * const bus = createNatsTransport(config.bus.nats);
 * const r = await bus.publish([{ subject: 'mamori.events.mof', id: e.id, data: encodeEvent(e) }]);
 */
export function createNatsTransport(config: NatsConfig, options: { name?: string } = {}): BusTransport {
  const subj = subjects(config.subjectPrefix);
  const deadStream = `${config.stream}_DEAD`;
  const connectOptions = natsConnectOptions(config, options.name ?? 'mamori');
  let nc: NatsConnection | undefined;
  let connecting: Promise<NatsConnection> | undefined;
  let ready: Promise<{ js: JetStreamClient; jsm: JetStreamManager }> | undefined;
  let closed = false;

  async function ensureStream(jsm: JetStreamManager, name: string, subjectFilter: string): Promise<void> {
    try {
      await jsm.streams.info(name);
    } catch (e) {
      if (!isNotFound(e)) throw e;
      await jsm.streams.add({
        name,
        subjects: [subjectFilter],
        storage: StorageType.File,
        retention: RetentionPolicy.Limits,
        duplicate_window: nanos(config.duplicateWindowSeconds * 1000),
      });
    }
  }

  function client(): Promise<{ js: JetStreamClient; jsm: JetStreamManager }> {
    if (closed) return Promise.reject(new MamoriError('ERR_BUS', 'bus transport is closed'));
    if (nc?.isClosed()) {
      nc = undefined;
      ready = undefined;
    }
    ready ??= (async () => {
      connecting ??= connect(connectOptions);
      try {
        nc = await connecting;
      } finally {
        connecting = undefined;
      }
      const jsm = await jetstreamManager(nc);
      await ensureStream(jsm, config.stream, subj.allEvents);
      await ensureStream(jsm, deadStream, subj.allDead);
      return { js: jetstream(nc), jsm };
    })().catch((e: unknown) => {
      ready = undefined;
      const c = nc;
      nc = undefined;
      void c?.close();
      throw new MamoriError('ERR_BUS', `NATS at ${config.servers.join(',')}: ${(e as Error).message}`, { cause: e });
    });
    return ready;
  }

  async function publish(messages: readonly OutgoingMessage[]): Promise<PublishResult> {
    let js: JetStreamClient;
    try {
      ({ js } = await client());
    } catch (e) {
      return { accepted: 0, duplicates: 0, error: e as Error };
    }
    // Pipelined: every publish is in flight at once; the stream keeps them in order of arrival.
    const acks = await Promise.allSettled(messages.map((m) => js.publish(m.subject, m.data, { msgID: m.id, timeout: config.timeoutMs, expect: { streamName: config.stream } })));
    let accepted = 0;
    let duplicates = 0;
    for (const a of acks) {
      if (a.status === 'rejected') return { accepted, duplicates, error: new MamoriError('ERR_BUS', `JetStream publish: ${(a.reason as Error).message}`, { cause: a.reason }) };
      accepted++;
      if (a.value.duplicate) duplicates++;
    }
    return { accepted, duplicates };
  }

  async function deadLetter(js: JetStreamClient, m: JsMsg, reason: string, deadSubject: string): Promise<void> {
    const h = headers();
    h.set(DEAD_REASON_HEADER, reason.slice(0, 1000).replace(/[\r\n]+/g, ' '));
    h.set(DEAD_SUBJECT_HEADER, m.subject);
    const id = m.headers?.get('Nats-Msg-Id') || `seq-${m.info.streamSequence}`;
    await js.publish(deadSubject, m.data, { msgID: `dead-${id}`, headers: h, timeout: config.timeoutMs, expect: { streamName: deadStream } });
  }

  return {
    kind: 'nats',
    describe: `nats ${config.servers.join(',')} stream ${config.stream}`,
    publish,

    async subscribe(opts, handler: BatchHandler, onError = () => undefined): Promise<Subscription> {
      const setUp = async () => {
        const { js, jsm } = await client();
        const wanted = {
          durable_name: opts.durable,
          ack_policy: AckPolicy.Explicit,
          deliver_policy: DeliverPolicy.All,
          filter_subject: opts.subject,
          // The handler sets messages aside itself after maxDeliver; the server's limit is the backstop.
          max_deliver: opts.maxDeliver + 1,
          ack_wait: nanos((opts.ackWaitSeconds ?? 60) * 1000),
          max_ack_pending: Math.max(1000, opts.batchSize * 4),
        };
        try {
          await jsm.consumers.info(config.stream, opts.durable);
          await jsm.consumers.update(config.stream, opts.durable, { max_deliver: wanted.max_deliver, ack_wait: wanted.ack_wait, max_ack_pending: wanted.max_ack_pending });
        } catch (e) {
          if (!isNotFound(e)) throw e;
          await jsm.consumers.add(config.stream, wanted);
        }
        return js;
      };
      // A centre that starts while NATS is away starts anyway: the failure is reported and the loop retries.
      let consumer: Consumer | undefined;
      try {
        consumer = await (await setUp()).consumers.get(config.stream, opts.durable);
      } catch (e) {
        onError(e);
      }
      let stopped = false;
      let failures = 0;
      const loop = (async () => {
        while (!stopped) {
          try {
            // Set up again only after a failure (reconnect, consumer deleted); otherwise one fetch per batch.
            consumer ??= await (await setUp()).consumers.get(config.stream, opts.durable);
            const { js } = await client();
            const batch: JsMsg[] = [];
            const iter = await consumer.fetch({ max_messages: opts.batchSize, expires: 1000 });
            for await (const m of iter) batch.push(m);
            failures = 0;
            if (batch.length === 0) continue;
            const incoming: IncomingMessage[] = batch.map((m) => ({ subject: m.subject, id: m.headers?.get('Nats-Msg-Id') || undefined, data: m.data, deliveryCount: m.info.deliveryCount }));
            let outcomes;
            try {
              outcomes = await handler(incoming);
            } catch (e) {
              onError(e);
              for (const m of batch) m.nak(1000);
              continue;
            }
            for (let i = 0; i < batch.length; i++) {
              const m = batch[i]!;
              const o = outcomes[i] ?? { kind: 'retry', delayMs: 1000 };
              if (o.kind === 'ack') m.ack();
              else if (o.kind === 'retry') m.nak(o.delayMs);
              else {
                try {
                  await deadLetter(js, m, o.reason, o.deadSubject);
                  // No reason on +TERM: servers before 2.10 do not read one and would leave the message pending.
                  m.term();
                } catch (e) {
                  onError(e);
                  m.nak(5000);
                }
              }
            }
          } catch (e) {
            if (stopped) break;
            consumer = undefined;
            onError(e);
            failures++;
            await sleep(Math.min(10_000, 250 * 2 ** Math.min(failures, 6)));
          }
        }
      })();
      return {
        async stop() {
          stopped = true;
          await loop;
          await nc?.flush().catch(() => undefined);
        },
      };
    },

    async deadLetters(limit = 100): Promise<DeadLetter[]> {
      const { js, jsm } = await client();
      const info = await jsm.streams.info(deadStream);
      if (info.state.messages === 0) return [];
      const start = Math.max(info.state.first_seq, info.state.last_seq - limit + 1);
      const consumer = await js.consumers.get(deadStream, { opt_start_seq: start });
      const out: DeadLetter[] = [];
      const iter = await consumer.fetch({ max_messages: limit, expires: 1000 });
      for await (const m of iter) {
        out.push({
          subject: m.subject,
          id: m.headers?.get('Nats-Msg-Id') || undefined,
          reason: m.headers?.get(DEAD_REASON_HEADER) ?? '',
          originalSubject: m.headers?.get(DEAD_SUBJECT_HEADER) ?? '',
          data: m.data,
        });
        if (m.info.streamSequence >= info.state.last_seq) break;
      }
      return out;
    },

    async consumerInfo(durable) {
      const { jsm } = await client();
      try {
        const i = await jsm.consumers.info(config.stream, durable);
        return { pending: i.num_pending, ackPending: i.num_ack_pending, redelivered: i.num_redelivered };
      } catch (e) {
        if (isNotFound(e)) return undefined;
        throw e;
      }
    },

    async close() {
      closed = true;
      const c = nc ?? (await connecting?.catch(() => undefined));
      nc = undefined;
      if (c && !c.isClosed()) await c.drain().catch(() => c.close());
    },
  };
}
