import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createOrg, insertEvents, listEvents, saveBusCursor, committedEventsAfter, type Store } from '../store/index.js';
import { DIALECTS, openTestStore, skipReason } from '../store/test-support/dialects.js';
import { createInProcessTransport, subjectMatches } from './in-process.js';
import { decodeEvent, encodeEvent, orgFromToken, orgToken, subjects } from './message.js';
import { EventForwarder } from './forwarder.js';
import { EventIngestor } from './ingestor.js';
import { sampleEvent } from './test-support/nats.js';
import { untilCommittedVisible } from '../store/test-support/committed.js';

describe('bus messages', () => {
  it('names organisations in subjects without ambiguity', () => {
    for (const org of ['mof', 'digital-agency_2', '総務省', 'a.b', '%41']) {
      const t = orgToken(org);
      assert.match(t, /^[^.*> ]+$/);
      assert.equal(orgFromToken(t), org);
    }
    assert.notEqual(orgToken('%41'), orgToken('A'));
    const s = subjects('mamori');
    assert.equal(s.orgOfEvents(s.events('総務省')), '総務省');
    assert.equal(s.orgOfEvents('mamori.events.a.b'), undefined);
    assert.equal(s.orgOfEvents('other.events.mof'), undefined);
  });

  it('reads back what it writes and refuses what is not an event', () => {
    const e = sampleEvent('mof', 1);
    const d = decodeEvent(encodeEvent(e));
    assert.ok(d.ok);
    assert.deepEqual(d.event, e);
    const garbage = decodeEvent(Buffer.from('\u0000\u00ffnot json'));
    assert.equal(garbage.ok, false);
    const extra = decodeEvent(Buffer.from(JSON.stringify({ v: 1, event: { ...e, sql: 'drop table events' } })));
    assert.ok(!extra.ok && /sql|unrecognized/i.test(extra.reason), JSON.stringify(extra));
    const huge = decodeEvent(Buffer.from(JSON.stringify({ v: 1, event: { ...e, reason: 'x'.repeat(100_000) } })));
    assert.ok(!huge.ok && huge.reason.includes('reason'));
  });

  it('matches subjects as NATS does', () => {
    assert.ok(subjectMatches('a.events.>', 'a.events.mof'));
    assert.ok(!subjectMatches('a.events.>', 'a.events'));
    assert.ok(subjectMatches('a.*.mof', 'a.events.mof'));
    assert.ok(!subjectMatches('a.events.mof', 'a.events.mof.x'));
  });
});

for (const dialect of DIALECTS) {
  describe(`bus over the in-process transport (${dialect})`, { skip: skipReason(dialect) }, () => {
    let sensor: Store;
    let centre: Store;
    before(async () => {
      sensor = await openTestStore(dialect);
      centre = await openTestStore(dialect);
      await createOrg(centre.db, 'mof');
    });
    after(async () => {
      await sensor?.close();
      await centre?.close();
    });

    it('feeds committed events in commit order, also one committed after a later-timed one', async () => {
      const late = sampleEvent('mof', 0, { time: '2026-11-27T08:00:00.000Z' });
      const early = sampleEvent('mof', 1, { time: '2026-11-27T09:00:00.000Z' });
      await insertEvents(sensor.db, [early]);
      await untilCommittedVisible(sensor.db, sensor.dialect);
      const first = await committedEventsAfter(sensor.db, sensor.dialect, '', 10);
      assert.deepEqual(first.map((c) => c.event.id), [early.id]);
      await insertEvents(sensor.db, [late]);
      await untilCommittedVisible(sensor.db, sensor.dialect);
      const next = await committedEventsAfter(sensor.db, sensor.dialect, first[0]!.position, 10);
      assert.deepEqual(next.map((c) => c.event.id), [late.id]);
    });

    it('moves events from the sensor store to the central store once, across restarts and re-sends', async () => {
      const transport = createInProcessTransport();
      const ingestor = new EventIngestor({ db: centre.db, transport, subjectPrefix: 'mamori', durable: 'centre' });
      const sub = await ingestor.start();
      const options = { db: sensor.db, dialect: sensor.dialect, transport, subjectPrefix: 'mamori', cursorName: 'events:test', batchSize: 7, maxBatchesPerPass: 2 };
      await insertEvents(sensor.db, Array.from({ length: 30 }, (_, i) => sampleEvent('mof', i + 10)));
      await untilCommittedVisible(sensor.db, sensor.dialect);
      const all = (await listEvents(sensor.db, { limit: 1000 })).map((e) => e.id).sort();

      const first = await new EventForwarder(options).runOnce();
      assert.equal(first.forwarded, 14);
      assert.equal(first.more, true);
      // A new forwarder (a restarted process) resumes from the stored cursor.
      const restarted = new EventForwarder(options);
      assert.equal((await restarted.status()).lag, all.length - 14);
      for (let i = 0; i < 10 && (await restarted.runOnce()).more; i++);
      assert.equal((await restarted.status()).lag, 0);
      assert.deepEqual((await listEvents(centre.db, { limit: 1000 })).map((e) => e.id).sort(), all);

      // A cursor lost (crash before it was saved) re-sends everything: the centre keeps one row per event.
      await saveBusCursor(sensor.db, 'events:test', { position: '' });
      let resent = 0;
      for (let i = 0; i < 10; i++) {
        const r = await restarted.runOnce();
        resent += r.duplicates;
        if (!r.more) break;
      }
      assert.equal(resent, all.length);
      assert.deepEqual((await listEvents(centre.db, { limit: 1000 })).map((e) => e.id).sort(), all);
      assert.equal(ingestor.stats.stored, all.length);
      await sub.stop();
    });

    it('keeps its cursor while nothing consumes, and sets aside events of organisations the centre does not know', async () => {
      const transport = createInProcessTransport();
      const options = { db: sensor.db, dialect: sensor.dialect, transport, subjectPrefix: 'mamori', cursorName: 'events:nobody' };
      const fwd = new EventForwarder(options);
      const before = await fwd.status();
      await assert.rejects(fwd.runOnce(), /no subscriber/);
      const afterFail = await fwd.status();
      assert.equal(afterFail.lag, before.lag);
      assert.match(afterFail.cursor?.lastError ?? '', /no subscriber/);

      const stranger = sampleEvent('unknown-agency', 99);
      await insertEvents(sensor.db, [stranger]);
      await untilCommittedVisible(sensor.db, sensor.dialect);
      const ingestor = new EventIngestor({ db: centre.db, transport, subjectPrefix: 'mamori', durable: 'centre' });
      const sub = await ingestor.start();
      for (let i = 0; i < 10 && (await fwd.runOnce()).more; i++);
      assert.equal((await fwd.status()).lag, 0);
      const dead = await transport.deadLetters();
      assert.equal(dead.length, 1);
      assert.equal(dead[0]!.id, stranger.id);
      assert.equal(dead[0]!.subject, 'mamori.dead.unknown-agency');
      assert.match(dead[0]!.reason, /unknown organisation "unknown-agency"/);
      assert.equal((await listEvents(centre.db, { org: 'unknown-agency' })).length, 0);
      await sub.stop();
    });
  });
}
