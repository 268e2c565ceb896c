import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { newId, type MamoriEvent } from '../../core/index.js';
import type { Store } from '../connect.js';
import { DIALECTS, openTestStore, skipReason } from '../test-support/dialects.js';
import { insertEvents, listEvents } from './events.js';

function event(over: Partial<MamoriEvent> = {}): MamoriEvent {
  return {
    id: newId('evt'),
    org: 'default',
    time: '2026-11-01T10:00:00.000Z',
    channel: 'icap',
    action: 'block',
    monitored: false,
    rule: 'c2-to-unlisted',
    reason: 'c2 content to an unlisted destination',
    clientIp: '10.1.2.3',
    user: 'tanaka',
    method: 'POST',
    url: 'http://evil.example/upload',
    destHost: 'evil.example',
    destIp: '203.0.113.9',
    bytes: 123456789012,
    label: 'c2',
    unscannable: false,
    sha256: 'ab'.repeat(32),
    fileName: '予算.docx',
    findings: [{ detector: 'jp.my_number', count: 3, samples: ['1234-****-**18'] }],
    matches: [{ docId: 'doc_1', path: '/share/予算.docx', label: 'c2', coverage: 0.5, longestRunChars: 400 }],
    ...over,
  };
}

for (const dialect of DIALECTS) {
  describe(`events repository (${dialect})`, { skip: skipReason(dialect) }, () => {
    let store: Store;
    before(async () => {
      store = await openTestStore(dialect);
    });
    after(async () => {
      await store?.close();
    });

    it('round-trips an event with Japanese text, big byte counts and JSON evidence', async () => {
      const e = event();
      await insertEvents(store.db, [e]);
      const [got] = await listEvents(store.db, { clientIp: '10.1.2.3' });
      assert.deepEqual(got, e);
    });

    it('filters by action, client and time and lists newest first', async () => {
      await insertEvents(store.db, [
        event({ time: '2026-11-02T00:00:00.000Z', action: 'allow', clientIp: '10.9.9.9' }),
        event({ time: '2026-11-03T00:00:00.000Z', action: 'alert', clientIp: '10.9.9.9' }),
        event({ time: '2026-11-04T00:00:00.000Z', action: 'block', clientIp: '10.9.9.9' }),
      ]);
      const all = await listEvents(store.db, { clientIp: '10.9.9.9' });
      assert.deepEqual(all.map((e) => e.action), ['block', 'alert', 'allow']);
      const since = await listEvents(store.db, { clientIp: '10.9.9.9', since: '2026-11-03T00:00:00.000Z' });
      assert.equal(since.length, 2);
      const alerts = await listEvents(store.db, { clientIp: '10.9.9.9', action: 'alert' });
      assert.equal(alerts.length, 1);
      assert.equal(alerts[0]!.time, '2026-11-03T00:00:00.000Z');
    });

    it('inserts more rows than one statement may bind', async () => {
      const many = Array.from({ length: 1200 }, (_, i) => event({ clientIp: '10.7.7.7', time: new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString() }));
      await insertEvents(store.db, many);
      const got = await listEvents(store.db, { clientIp: '10.7.7.7', limit: 5000 });
      assert.equal(got.length, 1200);
    });

    it('keeps an event stored while a transaction on the same store is open and then rolls back', async () => {
      const kept = event({ clientIp: '10.6.6.6' });
      const undone = event({ clientIp: '10.6.6.6' });
      let inside!: () => void;
      const opened = new Promise<void>((r) => (inside = r));
      const rolledBack = store.db
        .transaction()
        .execute(async (trx) => {
          await insertEvents(trx, [undone]);
          inside();
          await new Promise((r) => setTimeout(r, 50));
          throw new Error('roll back');
        })
        .catch((e: Error) => e.message);
      await opened;
      // SQLite has one connection: this write must wait for the transaction, not join it.
      await insertEvents(store.db, [kept]);
      assert.equal(await rolledBack, 'roll back');
      const got = await listEvents(store.db, { clientIp: '10.6.6.6' });
      assert.deepEqual(got.map((e) => e.id), [kept.id]);
    });
  });
}
