// End-to-end throughput of mamori's event bus (sensor store → forwarder → JetStream → ingestor → central store),
// beside a baseline in the same run: raw JetStream publish + PubAck of the same payloads, then a raw pull consumer
// fetching and acknowledging them (no store on either side).
// Usage: npx tsx bench/bus-throughput.ts [--events N] [--runs R] [--store sqlite|postgres] [--nats URL]
// Needs NATS with JetStream (default nats://127.0.0.1:4222); PostgreSQL at MAMORI_TEST_PG_URL for --store postgres.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { randomBytes } from 'node:crypto';
import { AckPolicy, jetstream, jetstreamManager, StorageType } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { busConfigSchema, createNatsTransport, encodeEvent, EventForwarder, EventIngestor } from '../src/bus/index.js';
import { newId, type MamoriEvent } from '../src/core/index.js';
import { createOrg, insertEvents, openStore, type Store } from '../src/store/index.js';

const { values } = parseArgs({ options: { events: { type: 'string', default: '20000' }, runs: { type: 'string', default: '3' }, store: { type: 'string', default: 'sqlite' }, nats: { type: 'string', default: 'nats://127.0.0.1:4222' } } });
const N = Number(values.events);
const RUNS = Number(values.runs);
const url = values.nats;
const PG_URL = process.env.MAMORI_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const BATCH = 500;
const fmt = (n: number) => Math.round(n).toLocaleString('en');

function event(i: number): MamoriEvent {
  return {
    id: newId('evt'),
    org: 'mof',
    time: new Date(Date.UTC(2026, 10, 27) + i).toISOString(),
    channel: 'icap',
    action: i % 3 ? 'alert' : 'block',
    monitored: false,
    rule: 'sensitive-to-unapproved',
    reason: 'c2 content to an unapproved destination',
    clientIp: `10.0.${(i >> 8) & 255}.${i & 255}`,
    user: null,
    method: 'POST',
    url: 'http://evil.example/upload',
    destHost: 'evil.example',
    destIp: '203.0.113.9',
    bytes: 4096 + (i % 1000),
    label: 'c2',
    unscannable: false,
    sha256: randomBytes(32).toString('hex'),
    fileName: '予算.docx',
    findings: [{ detector: 'jp.my_number', count: 2, samples: ['1234-****-**18', '5678-****-**27'] }],
    matches: [],
  };
}

async function openBenchStore(dir: string, name: string): Promise<Store> {
  if (values.store === 'postgres') {
    const schema = `mamori_bench_${name}_${randomBytes(4).toString('hex')}`;
    const s = await openStore({ kind: 'postgres', url: PG_URL, schema, poolSize: 4 });
    return {
      ...s,
      async close() {
        const { sql } = await import('kysely');
        await sql`drop schema ${sql.id(schema)} cascade`.execute(s.db);
        await s.close();
      },
    };
  }
  return openStore({ kind: 'sqlite', path: join(dir, `${name}.db`), synchronous: 'FULL' });
}

async function baseline(events: readonly MamoriEvent[]): Promise<{ publish: number; consume: number }> {
  const stream = `BENCH_RAW_${randomBytes(4).toString('hex')}`;
  const subject = `benchraw${randomBytes(4).toString('hex')}`;
  const nc = await connect({ servers: url });
  const jsm = await jetstreamManager(nc);
  await jsm.streams.add({ name: stream, subjects: [`${subject}.>`], storage: StorageType.File });
  try {
    const js = jetstream(nc);
    const payloads = events.map((e) => ({ id: e.id, data: encodeEvent(e) }));
    const t0 = performance.now();
    for (let i = 0; i < payloads.length; i += BATCH) {
      await Promise.all(payloads.slice(i, i + BATCH).map((p) => js.publish(`${subject}.mof`, p.data, { msgID: p.id })));
    }
    const publish = (payloads.length / (performance.now() - t0)) * 1000;
    await jsm.consumers.add(stream, { durable_name: 'raw', ack_policy: AckPolicy.Explicit });
    const consumer = await js.consumers.get(stream, 'raw');
    const t1 = performance.now();
    let got = 0;
    while (got < payloads.length) {
      const iter = await consumer.fetch({ max_messages: BATCH, expires: 1000 });
      for await (const m of iter) {
        JSON.parse(m.string());
        m.ack();
        got++;
      }
    }
    await nc.flush();
    const consume = (got / (performance.now() - t1)) * 1000;
    return { publish, consume };
  } finally {
    await jsm.streams.delete(stream);
    await nc.close();
  }
}

async function mamori(events: readonly MamoriEvent[], dir: string): Promise<{ forward: number; endToEnd: number }> {
  const tag = randomBytes(4).toString('hex');
  const nats = busConfigSchema.parse({ transport: 'nats', nats: { servers: [url], stream: `BENCH_BUS_${tag}`, subjectPrefix: `benchbus${tag}` } }).nats;
  const sensor = await openBenchStore(dir, `sensor${tag}`);
  const centre = await openBenchStore(dir, `centre${tag}`);
  const sensorBus = createNatsTransport(nats);
  const centreBus = createNatsTransport(nats);
  try {
    await createOrg(centre.db, 'mof');
    await insertEvents(sensor.db, events);
    const ingestor = new EventIngestor({ db: centre.db, transport: centreBus, subjectPrefix: nats.subjectPrefix, durable: 'centre', batchSize: BATCH });
    const forwarder = new EventForwarder({ db: sensor.db, dialect: sensor.dialect, transport: sensorBus, subjectPrefix: nats.subjectPrefix, cursorName: 'bench', batchSize: BATCH, maxBatchesPerPass: 1_000_000 });
    const t0 = performance.now();
    const sub = await ingestor.start((e) => console.error('consumer:', (e as Error).message));
    const r = await forwarder.runOnce();
    const forwardMs = performance.now() - t0;
    if (r.forwarded !== events.length) throw new Error(`forwarded ${r.forwarded} of ${events.length}`);
    const deadline = Date.now() + 300_000;
    while (ingestor.stats.stored < events.length) {
      if (Date.now() > deadline) throw new Error(`stored ${ingestor.stats.stored} of ${events.length} in 300 s`);
      await new Promise((res) => setTimeout(res, 5));
    }
    const endMs = performance.now() - t0;
    await sub.stop();
    return { forward: (events.length / forwardMs) * 1000, endToEnd: (events.length / endMs) * 1000 };
  } finally {
    await sensorBus.close();
    await centreBus.close();
    const nc = await connect({ servers: url });
    const jsm = await jetstreamManager(nc);
    for (const s of [nats.stream, `${nats.stream}_DEAD`]) await jsm.streams.delete(s).catch(() => false);
    await nc.close();
    await sensor.close();
    await centre.close();
  }
}

const dir = mkdtempSync(join(tmpdir(), 'mamori-bus-bench-'));
try {
  console.log(`# bus throughput: ${fmt(N)} events of ~${encodeEvent(event(0)).byteLength} bytes, batches of ${BATCH}, store ${values.store}, NATS ${url}, node ${process.version}`);
  const rows: string[][] = [];
  for (let run = 1; run <= RUNS; run++) {
    const events = Array.from({ length: N }, (_, i) => event(i));
    const raw = await baseline(events);
    const bus = await mamori(events, dir);
    rows.push([String(run), fmt(raw.publish), fmt(raw.consume), fmt(bus.forward), fmt(bus.endToEnd), (bus.endToEnd / Math.min(raw.publish, raw.consume)).toFixed(2)]);
    console.log(`run ${run}: raw publish+ack ${fmt(raw.publish)}/s, raw fetch+ack ${fmt(raw.consume)}/s | mamori forward ${fmt(bus.forward)}/s, store→JetStream→store ${fmt(bus.endToEnd)}/s`);
  }
  console.log('\nrun | raw publish+ack ev/s | raw fetch+ack ev/s | mamori forward ev/s | mamori end-to-end ev/s | end-to-end ÷ slower raw leg');
  for (const r of rows) console.log(r.join(' | '));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
