import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, it } from 'node:test';
import { createInProcessTransport, EventForwarder, EventIngestor } from '../bus/index.js';
import { parseConfig } from '../config/index.js';
import { LabelTaxonomy, type MamoriEvent } from '../core/index.js';
import { countEventsAfter, createOrg, getCorrelationState, insertEvents, listIncidents, setCorrelationState, type Store } from '../store/index.js';
import { untilCommittedVisible } from '../store/test-support/committed.js';
import { DIALECTS, openTestStore, skipReason } from '../store/test-support/dialects.js';
import { IncidentCorrelator, type CorrelationResult } from './correlator.js';
import { match, uploadEvent } from './test-support/fixtures.js';
import { loadIncidentView, type IncidentView } from './view.js';

const taxonomy = new LabelTaxonomy();
const DAY = 86_400_000;
const at = (iso: string, shiftMs = 0) => new Date(Date.parse(iso) + shiftMs).toISOString();

/**
 * Catches up until every stored event has been read. On PostgreSQL the feed holds back rows while an older
 * transaction anywhere on the server is still running (other tests share it), so this retries, bounded.
 */
async function catchUpAll(c: IncidentCorrelator, store: Store): Promise<{ read: number; merged: number }> {
  const total = { read: 0, merged: 0 };
  for (let i = 0; i < 100; i++) {
    const r: CorrelationResult = await c.catchUp({ pageSize: 4 });
    total.read += r.read ?? 0;
    total.merged += r.merged;
    const position = (await getCorrelationState(store.db, 'events-position')) ?? '';
    if ((await countEventsAfter(store.db, store.dialect, position)) === 0) return total;
    await sleep(50);
  }
  throw new Error('stored events still unread after 100 catch-ups');
}

async function onlyIncident(store: Store, host: string): Promise<IncidentView> {
  const all = await listIncidents(store.db, { host });
  assert.equal(all.length, 1, `one incident for ${host}`);
  return (await loadIncidentView(store.db, all[0]!.id))!;
}

function assertTimeOrdered(view: IncidentView): void {
  const times = view.timeline.map((t) => t.time);
  assert.deepEqual(times, [...times].sort());
}

describe('incidents config', () => {
  it('still loads a config that sets the retired lateArrivalSeconds', () => {
    const c = parseConfig('incidents:\n  lateArrivalSeconds: 7200\n  manyDocuments: 5\n', 'old.yaml');
    assert.equal(c.incidents.lateArrivalSeconds, 7200);
    assert.equal(c.incidents.manyDocuments, 5);
    assert.equal(parseConfig('').incidents.lateArrivalSeconds, undefined);
  });
});

for (const dialect of DIALECTS) {
  describe(`late events (${dialect})`, { skip: skipReason(dialect) }, () => {
    let store: Store;
    before(async () => {
      store = await openTestStore(dialect);
    });
    after(async () => {
      await store?.close();
    });

    it('correlates an event stored two days late into the host’s incident, placed by its own time', async () => {
      const c = new IncidentCorrelator({ db: store.db, taxonomy });
      const ip = '10.20.0.1';
      const day = '2026-11-10T10:00:00.000Z';
      await insertEvents(store.db, [
        uploadEvent({ clientIp: ip, time: day, matches: [match('a'), match('b')] }),
        uploadEvent({ clientIp: ip, time: at(day, 300_000), matches: [match('a')] }),
      ]);
      assert.equal((await catchUpAll(c, store)).merged, 2);
      const before1 = await onlyIncident(store, ip);
      assert.equal(before1.firstSeen, day);

      // Stored now, timed two days before everything correlated so far (a sensor offline, or its clock behind).
      const lateTime = at(day, -2 * DAY);
      const late = uploadEvent({ clientIp: ip, time: lateTime, action: 'allow', label: 'c3', matches: [match('b'), match('c', 'c3')], destHost: 'drop.example' });
      await insertEvents(store.db, [late]);
      const r = await catchUpAll(c, store);
      assert.deepEqual(r, { read: 1, merged: 1 });

      const view = await onlyIncident(store, ip);
      assert.equal(view.id, before1.id);
      assert.equal(view.firstSeen, lateTime);
      assert.equal(view.lastSeen, before1.lastSeen);
      const docs = Object.fromEntries(view.documents.map((d) => [d.docId, [d.status, d.firstSeen]]));
      assert.deepEqual(docs, { a: ['blocked', day], b: ['confirmed', lateTime], c: ['confirmed', lateTime] });
      assert.equal(view.leaked, true);
      assert.equal(view.severity, 'critical');
      assertTimeOrdered(view);
      // The incident opened with the late upload: both come first, at its time.
      const opening = view.timeline.slice(0, 2);
      assert.deepEqual(opening.map((t) => [t.kind, t.time]).sort(), [
        ['incident-opened', lateTime],
        ['upload-allowed', lateTime],
      ]);
      assert.ok(opening.some((t) => t.evidence.eventIds?.includes(late.id)));

      // Re-running, also from a fresh correlator (another process), reads nothing and changes nothing.
      assert.deepEqual(await catchUpAll(c, store), { read: 0, merged: 0 });
      assert.deepEqual(await catchUpAll(new IncidentCorrelator({ db: store.db, taxonomy }), store), { read: 0, merged: 0 });
      assert.deepEqual(await onlyIncident(store, ip), view);
    });

    it(
      'does not skip an event whose transaction commits after a later one',
      { skip: dialect === 'sqlite' ? 'SQLite commits one writer at a time' : false },
      async () => {
        const c = new IncidentCorrelator({ db: store.db, taxonomy });
        const ip = '10.20.0.2';
        await catchUpAll(c, store);
        const early = uploadEvent({ clientIp: ip, time: '2026-11-08T08:00:00.000Z', matches: [match('s1')] });
        const later = uploadEvent({ clientIp: ip, time: '2026-11-10T08:00:00.000Z', matches: [match('s2')] });
        let release!: () => void;
        const gate = new Promise<void>((resolve) => (release = resolve));
        let inserted!: () => void;
        const ready = new Promise<void>((resolve) => (inserted = resolve));
        const slow = store.db.transaction().execute(async (trx) => {
          await insertEvents(trx, [early]);
          inserted();
          await gate;
        });
        try {
          await ready;
          await insertEvents(store.db, [later]);
          // `later` is committed, but a transaction older than its own still runs: it must wait behind it.
          const meanwhile = await c.catchUp();
          assert.equal(meanwhile.read, 0);
        } finally {
          release();
          await slow;
        }
        assert.deepEqual(await catchUpAll(c, store), { read: 2, merged: 2 });
        const view = await onlyIncident(store, ip);
        assert.equal(view.firstSeen, early.time);
        assert.deepEqual(view.documents.map((d) => d.docId).sort(), ['s1', 's2']);
        assert.deepEqual(await catchUpAll(c, store), { read: 0, merged: 0 });
      },
    );

    it('takes over the (time, id) cursor of an earlier version without re-reading what it had read', async () => {
      const own = await openTestStore(dialect);
      try {
        const ip = '10.20.0.3';
        const t0 = '2026-11-12T00:00:00.000Z';
        const old = Array.from({ length: 12 }, (_, i) => uploadEvent({ clientIp: ip, time: at(t0, i * 600_000), matches: [match(`o${i % 3}`)] }));
        await insertEvents(own.db, old);
        // What an earlier version left: its incidents and its cursor at the newest event it had read.
        const c = new IncidentCorrelator({ db: own.db, taxonomy });
        assert.equal((await c.ingestEvents(old)).merged, 12);
        const last = old[old.length - 1]!;
        await setCorrelationState(own.db, 'events-cursor', JSON.stringify({ time: last.time, id: last.id }));
        // Stored after its last run: one timed after its cursor, one within its one-hour re-read window.
        const fresh: MamoriEvent[] = [
          uploadEvent({ clientIp: ip, time: at(last.time, 60_000), matches: [match('n1')] }),
          uploadEvent({ clientIp: ip, time: at(last.time, -1_800_000), matches: [match('n2')] }),
        ];
        await insertEvents(own.db, fresh);

        const first = await catchUpAll(new IncidentCorrelator({ db: own.db, taxonomy }), own);
        // The hour up to the cursor (7 old events, 50 to 110 minutes) and the 2 new ones are read; only the new merge.
        assert.deepEqual(first, { read: 9, merged: 2 });
        assert.deepEqual(await catchUpAll(c, own), { read: 0, merged: 0 });

        const late = uploadEvent({ clientIp: ip, time: at(t0, -2 * DAY), matches: [match('n3')] });
        await insertEvents(own.db, [late]);
        assert.deepEqual(await catchUpAll(c, own), { read: 1, merged: 1 });
        const view = await onlyIncident(own, ip);
        assert.equal(view.firstSeen, late.time);
        assert.deepEqual(view.documents.map((d) => d.docId).sort(), ['n1', 'n2', 'n3', 'o0', 'o1', 'o2']);
        assertTimeOrdered(view);
      } finally {
        await own.close();
      }
    });

    it('correlates events a sensor forwards over the bus after a long outage', async () => {
      const centre = await openTestStore(dialect);
      const proxy = await openTestStore(dialect);
      const icap = await openTestStore(dialect);
      const transport = createInProcessTransport();
      const sub = await new EventIngestor({ db: centre.db, transport, subjectPrefix: 'mamori', durable: 'centre' }).start();
      try {
        await createOrg(centre.db, 'mof');
        const forward = async (sensor: Store) => {
          const fwd = new EventForwarder({ db: sensor.db, dialect: sensor.dialect, transport, subjectPrefix: 'mamori', cursorName: 'events:MAMORI', batchSize: 3 });
          // The forwarder reads in commit order, which on PostgreSQL holds rows back while another test's transaction is open.
          await untilCommittedVisible(sensor.db, sensor.dialect);
          for (let i = 0; i < 20 && (await fwd.runOnce()).more; i++);
          assert.equal((await fwd.status()).lag, 0);
        };
        const ip = '10.30.0.1';
        const now = '2026-11-20T12:00:00.000Z';
        // The ICAP sensor records uploads but cannot reach the centre for two days.
        const offline = Array.from({ length: 5 }, (_, i) => uploadEvent({ clientIp: ip, time: at(now, -2 * DAY + i * 3_600_000), action: 'allow', label: 'c3', matches: [match(`m${i}`, 'c3')] }));
        await insertEvents(icap.db, offline);
        // Meanwhile the proxy's events reach the centre and are correlated.
        await insertEvents(proxy.db, [uploadEvent({ clientIp: ip, time: now, matches: [match('p1')] })]);
        await forward(proxy);
        const c = new IncidentCorrelator({ db: centre.db, taxonomy });
        assert.equal((await catchUpAll(c, centre)).merged, 1);
        assert.equal((await onlyIncident(centre, ip)).firstSeen, now);

        // The outage ends: the ICAP sensor's backlog arrives with its old timestamps.
        await forward(icap);
        assert.deepEqual(await catchUpAll(c, centre), { read: 5, merged: 5 });
        const view = await onlyIncident(centre, ip);
        assert.equal(view.firstSeen, offline[0]!.time);
        assert.equal(view.lastSeen, now);
        assert.deepEqual(
          view.documents.filter((d) => d.status === 'confirmed').map((d) => d.docId).sort(),
          ['m0', 'm1', 'm2', 'm3', 'm4'],
        );
        assertTimeOrdered(view);
        // Forwarding again (a lost sensor cursor re-sends) stores nothing new and correlates nothing new.
        await forward(icap);
        assert.deepEqual(await catchUpAll(c, centre), { read: 0, merged: 0 });
      } finally {
        await sub.stop();
        await centre.close();
        await proxy.close();
        await icap.close();
      }
    });
  });
}
