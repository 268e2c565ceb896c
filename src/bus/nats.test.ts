import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { connect } from '@nats-io/transport-node';
import { createOrg, insertEvents, listEvents, type Store } from '../store/index.js';
import { DIALECTS, openTestStore, skipReason } from '../store/test-support/dialects.js';
import { natsConfigFor } from './test-support/config.js';
import { createNatsTransport } from './nats.js';
import { encodeEvent } from './message.js';
import { EventForwarder } from './forwarder.js';
import { EventIngestor } from './ingestor.js';
import type { BusTransport, Subscription } from './transport.js';
import { deleteStreams, natsServerSkipReason, natsSkipReason, sampleEvent, startOwnNatsServer, TEST_NATS_URL, uniqueNames, waitFor } from './test-support/nats.js';
import { untilCommittedVisible } from '../store/test-support/committed.js';

const ids = async (store: Store, org?: string) =>
  (await listEvents(store.db, { limit: 100_000, ...(org ? { org } : {}) })).map((e) => e.id).sort();

for (const dialect of DIALECTS) {
  describe(`bus over NATS JetStream (${dialect})`, { skip: skipReason(dialect) || natsSkipReason() }, () => {
    let sensor: Store;
    let centre: Store;
    let names: { stream: string; subjectPrefix: string };
    let sensorBus: BusTransport;
    let centreBus: BusTransport;
    let sub: Subscription | undefined;
    let ingestor: EventIngestor;
    before(async () => {
      names = uniqueNames();
      sensor = await openTestStore(dialect);
      centre = await openTestStore(dialect);
      await createOrg(centre.db, 'mof');
      const config = natsConfigFor(TEST_NATS_URL, names);
      sensorBus = createNatsTransport(config, { name: 'test-sensor' });
      centreBus = createNatsTransport(config, { name: 'test-centre' });
      ingestor = new EventIngestor({ db: centre.db, transport: centreBus, subjectPrefix: names.subjectPrefix, durable: 'centre', batchSize: 100, maxDeliver: 3 });
      sub = await ingestor.start();
    });
    after(async () => {
      await sub?.stop();
      await sensorBus?.close();
      await centreBus?.close();
      await deleteStreams(TEST_NATS_URL, names.stream);
      await sensor?.close();
      await centre?.close();
    });

    it('delivers sensor events to the central store, once, also after a restart and a lost cursor', async () => {
      const options = { db: sensor.db, dialect: sensor.dialect, transport: sensorBus, subjectPrefix: names.subjectPrefix, cursorName: `events:${names.stream}`, batchSize: 50, maxBatchesPerPass: 3 };
      await insertEvents(sensor.db, Array.from({ length: 400 }, (_, i) => sampleEvent('mof', i)));
      await untilCommittedVisible(sensor.db, sensor.dialect);
      const first = await new EventForwarder(options).runOnce();
      assert.equal(first.forwarded, 150);
      // A restarted forwarder resumes from its cursor.
      const restarted = new EventForwarder(options);
      for (let i = 0; i < 20 && (await restarted.runOnce()).more; i++);
      assert.equal((await restarted.status()).lag, 0);
      const all = await ids(sensor);
      assert.ok(await waitFor(async () => (await ids(centre)).length >= all.length), 'centre received every event');
      assert.deepEqual(await ids(centre), all);
      // The same events published again (a crash between publish and cursor save): the stream drops them by id.
      const again = await sensorBus.publish((await listEvents(sensor.db, { limit: 100 })).map((e) => ({ subject: `${names.subjectPrefix}.events.mof`, id: e.id, data: encodeEvent(e) })));
      assert.equal(again.accepted, 100);
      assert.equal(again.duplicates, 100);
      assert.ok(await waitFor(async () => (await centreBus.consumerInfo('centre'))?.pending === 0 && (await centreBus.consumerInfo('centre'))?.ackPending === 0));
      assert.deepEqual(await ids(centre), all);
      assert.equal(ingestor.stats.stored, all.length);
    });

    it('sets aside garbage, forged and unknown-organisation messages as dead letters, and keeps going', async () => {
      const nc = await connect({ servers: TEST_NATS_URL });
      const js = (await import('@nats-io/jetstream')).jetstream(nc);
      const p = names.subjectPrefix;
      const good = sampleEvent('mof', 1000);
      const forged = sampleEvent('mof', 1001);
      const stranger = sampleEvent('nobody', 1002);
      await js.publish(`${p}.events.mof`, new Uint8Array([0, 255, 1, 2]), { msgID: 'garbage-1' });
      await js.publish(`${p}.events.mof`, Buffer.from(JSON.stringify({ v: 1, event: { ...good, findings: 'x' } })), { msgID: 'bad-shape' });
      await js.publish(`${p}.events.other`, encodeEvent(forged), { msgID: forged.id });
      await js.publish(`${p}.events.nobody`, encodeEvent(stranger), { msgID: stranger.id });
      await js.publish(`${p}.events.mof`, encodeEvent(good), { msgID: good.id });
      await nc.close();
      assert.ok(await waitFor(async () => (await centreBus.deadLetters()).length >= 4));
      const dead = await centreBus.deadLetters();
      const reasons = Object.fromEntries(dead.map((d) => [d.id, d.reason]));
      assert.match(reasons['dead-garbage-1'] ?? '', /not JSON/);
      assert.match(reasons['dead-bad-shape'] ?? '', /findings/);
      assert.match(reasons[`dead-${forged.id}`] ?? '', /organisation "mof" on subject/);
      assert.match(reasons[`dead-${stranger.id}`] ?? '', /unknown organisation "nobody"/);
      assert.equal(dead.find((d) => d.id === `dead-${stranger.id}`)?.originalSubject, `${p}.events.nobody`);
      assert.ok(await waitFor(async () => (await ids(centre, 'mof')).includes(good.id)), 'the valid message after them is stored');
      assert.deepEqual(await ids(centre, 'nobody'), []);
      assert.ok(await waitFor(async () => (await centreBus.consumerInfo('centre'))?.ackPending === 0), 'nothing left to redeliver');
    });
  });
}

describe('bus through a NATS outage', { skip: natsServerSkipReason() || skipReason('sqlite') }, () => {
  it('buffers events in the sensor store while NATS is down and delivers them when it is back', async () => {
    const server = await startOwnNatsServer();
    const names = uniqueNames();
    const sensor = await openTestStore('sqlite');
    const centre = await openTestStore('sqlite');
    const config = natsConfigFor(server.url, names, { timeoutMs: 1000 });
    const sensorBus = createNatsTransport(config);
    const centreBus = createNatsTransport(config);
    const errors: string[] = [];
    let stopForwarder: (() => Promise<void>) | undefined;
    let sub: Subscription | undefined;
    try {
      await createOrg(centre.db, 'mof');
      const ingestor = new EventIngestor({ db: centre.db, transport: centreBus, subjectPrefix: names.subjectPrefix, durable: 'centre' });
      sub = await ingestor.start(() => undefined);
      const fwd = new EventForwarder({ db: sensor.db, dialect: sensor.dialect, transport: sensorBus, subjectPrefix: names.subjectPrefix, cursorName: 'events:outage', baseDelayMs: 50, maxDelayMs: 500 });
      stopForwarder = fwd.start(50, (e) => errors.push(e.message));
      await insertEvents(sensor.db, Array.from({ length: 50 }, (_, i) => sampleEvent('mof', i)));
      assert.ok(await waitFor(async () => (await ids(centre)).length === 50), 'delivered before the outage');

      await server.stop();
      await insertEvents(sensor.db, Array.from({ length: 100 }, (_, i) => sampleEvent('mof', 100 + i)));
      assert.ok(await waitFor(async () => errors.length > 0 && (await fwd.status()).lag > 0, 10_000), 'the forwarder notices the outage and keeps the events');
      assert.equal((await ids(centre)).length, 50);

      await server.start();
      assert.ok(await waitFor(async () => (await ids(centre)).length === 150, 30_000), 'delivered after NATS returned');
      assert.deepEqual(await ids(centre), await ids(sensor));
      // The cursor moves after the centre acknowledged, so it may trail the centre's store for a moment.
      assert.ok(await waitFor(async () => (await fwd.status()).lag === 0), 'the cursor catches up');
    } finally {
      await stopForwarder?.();
      await sub?.stop();
      await sensorBus.close();
      await centreBus.close();
      await server.dispose();
      await sensor.close();
      await centre.close();
    }
  });
});
