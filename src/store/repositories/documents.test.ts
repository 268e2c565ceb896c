import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Store } from '../connect.js';
import { DIALECTS, openTestStore, skipReason } from '../test-support/dialects.js';
import { getDocumentByPath, listDocuments, loadStoredDocuments, registerDocument, unregisterDocument, type NewDocument } from './documents.js';

function doc(path: string, over: Partial<NewDocument> = {}): NewDocument {
  const fingerprints = new Uint8Array(8 * 3).map((_, i) => (i * 37 + path.length) & 0xff);
  return {
    org: 'default',
    path,
    label: 'c2',
    owner: '総務課',
    size: 5_000_000_000,
    sha256: 'cd'.repeat(32),
    mtimeMs: 1_764_000_000_000,
    chars: 1234,
    fingerprintCount: 3,
    scheme: 'w61k40v1',
    fingerprints,
    checks: new Uint8Array([0, 1, 2, 255]),
    ...over,
  };
}

for (const dialect of DIALECTS) {
  describe(`documents repository (${dialect})`, { skip: skipReason(dialect) }, () => {
    let store: Store;
    before(async () => {
      store = await openTestStore(dialect);
    });
    after(async () => {
      await store?.close();
    });

    it('registers, lists and loads fingerprints back byte for byte', async () => {
      const d = doc('/share/予算/2026.docx');
      const { id, replaced } = await registerDocument(store.db, d);
      assert.equal(replaced, false);
      const [listed] = await listDocuments(store.db, { org: 'default', pathPrefix: '/share/予算/' });
      assert.equal(listed!.id, id);
      assert.equal(listed!.size, 5_000_000_000);
      assert.equal(listed!.owner, '総務課');
      const pages = [];
      for await (const page of loadStoredDocuments(store.db, { org: 'default' })) pages.push(...page);
      const got = pages.find((p) => p.id === id)!;
      assert.deepEqual(new Uint8Array(got.fingerprints), d.fingerprints);
      assert.deepEqual(new Uint8Array(got.checks), d.checks);
    });

    it('re-registering a path replaces its fingerprints and keeps its id', async () => {
      const first = await registerDocument(store.db, doc('/share/a.txt'));
      const second = await registerDocument(store.db, doc('/share/a.txt', { fingerprints: new Uint8Array(16).fill(7), fingerprintCount: 2, label: 'c3' }));
      assert.equal(second.id, first.id);
      assert.equal(second.replaced, true);
      const got = await getDocumentByPath(store.db, 'default', '/share/a.txt');
      assert.equal(got!.label, 'c3');
      assert.equal(got!.fingerprintCount, 2);
    });

    it('unregisters by id or by path and reports nothing for unknown ones', async () => {
      const a = await registerDocument(store.db, doc('/share/u1.txt'));
      await registerDocument(store.db, doc('/share/u2.txt'));
      assert.deepEqual((await unregisterDocument(store.db, 'default', a.id)).map((d) => d.path), ['/share/u1.txt']);
      assert.deepEqual((await unregisterDocument(store.db, 'default', '/share/u2.txt')).map((d) => d.path), ['/share/u2.txt']);
      assert.deepEqual(await unregisterDocument(store.db, 'default', '/share/none.txt'), []);
      assert.equal(await getDocumentByPath(store.db, 'default', '/share/u1.txt'), undefined);
    });

    it('loads many documents in pages', async () => {
      for (let i = 0; i < 25; i++) await registerDocument(store.db, doc(`/bulk/${String(i).padStart(2, '0')}.txt`, { org: 'bulk' }));
      const sizes: number[] = [];
      const ids = new Set<string>();
      for await (const page of loadStoredDocuments(store.db, { org: 'bulk', batch: 10 })) {
        sizes.push(page.length);
        for (const d of page) ids.add(d.id);
      }
      assert.deepEqual(sizes, [10, 10, 5]);
      assert.equal(ids.size, 25);
    });
  });
}
