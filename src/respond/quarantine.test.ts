import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Store } from '../store/index.js';
import { DIALECTS, openTestStore, skipReason } from '../store/test-support/dialects.js';
import { QuarantineList } from './quarantine.js';

for (const dialect of DIALECTS) {
  describe(`quarantine list (${dialect})`, { skip: skipReason(dialect) }, () => {
    let store: Store;
    before(async () => {
      store = await openTestStore(dialect);
    });
    after(async () => {
      await store?.close();
    });

    it('answers synchronously, normalises addresses, and sees other writers after a refresh', async () => {
      const a = await QuarantineList.open(store.db);
      const b = await QuarantineList.open(store.db);
      await a.add('10.0.0.5', { org: 'mof', reason: 'beaconing', actor: 'sato' });
      await a.add('2001:DB8:0:0::7', { org: 'mof', reason: 'tunnel', actor: 'sato' });
      assert.equal(a.isQuarantined('10.0.0.5'), true);
      assert.equal(a.isQuarantined('::ffff:10.0.0.5'), true);
      assert.equal(a.isQuarantined('2001:db8::7'), true);
      assert.equal(a.isQuarantined('10.0.0.6'), false);
      assert.equal(a.isQuarantined(null), false);
      assert.equal(b.isQuarantined('10.0.0.5'), false, 'not yet refreshed');
      await b.refresh();
      assert.equal(b.isQuarantined('10.0.0.5'), true);
      assert.deepEqual((await b.list()).map((e) => e.ip), ['10.0.0.5', '2001:db8::7']);
      assert.equal(await b.remove('10.0.0.5'), true);
      assert.equal(await b.remove('10.0.0.5'), false);
      await a.refresh();
      assert.equal(a.isQuarantined('10.0.0.5'), false);
      await assert.rejects(a.add('not-an-ip', { org: 'mof', reason: '', actor: 'x' }), /not an IP address/);
    });
  });
}
