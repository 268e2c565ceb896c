import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { defaultConfig, type MamoriConfig } from '../config/index.js';
import type { TextPart } from '../core/index.js';
import { rng, syntheticText } from '../fingerprint/test-support/corpus.js';
import { listDocuments, unregisterDocument, type Store } from '../store/index.js';
import { DIALECTS, openTestStore, skipReason } from '../store/test-support/dialects.js';
import { followRegistry, loadDocumentIndex, registerFile } from './index.js';

const part = (text: string): TextPart => ({ path: 'upload', kind: 'body', mediaType: 'text/plain', text });

for (const dialect of DIALECTS) {
  describe(`document registry (${dialect})`, { skip: skipReason(dialect) }, () => {
    let store: Store;
    let dir: string;
    let config: MamoriConfig;
    const texts = Array.from({ length: 4 }, (_, i) => syntheticText(rng(500 + i), 4000, 'mixed'));
    const options = () => ({ org: config.org, label: 'c2', owner: '総務課', limits: config.extract });
    before(async () => {
      store = await openTestStore(dialect);
      dir = mkdtempSync(join(tmpdir(), 'mamori-registry-'));
      config = defaultConfig();
      texts.forEach((t, i) => writeFileSync(join(dir, `${i}.txt`), t));
      writeFileSync(join(dir, 'short.txt'), '短い');
    });
    after(async () => {
      await store?.close();
      rmSync(dir, { recursive: true, force: true });
    });

    it('registers files, skips what is too short, and leaves unchanged files alone', async () => {
      const outcomes = await Promise.all(texts.map((_, i) => registerFile(store.db, join(dir, `${i}.txt`), options())));
      assert.deepEqual(outcomes.map((o) => o.status), ['registered', 'registered', 'registered', 'registered']);
      assert.ok(outcomes.every((o) => o.fingerprints > 50 && o.docId?.startsWith('doc_')));
      const short = await registerFile(store.db, join(dir, 'short.txt'), options());
      assert.equal(short.status, 'skipped');
      assert.match(short.message!, /too little text/);
      assert.equal((await registerFile(store.db, join(dir, '0.txt'), options())).status, 'unchanged');
      assert.equal((await registerFile(store.db, join(dir, 'missing.txt'), options())).status, 'skipped');
      assert.equal((await listDocuments(store.db, { org: config.org })).length, 4);
    });

    it('loads the index from the store and finds an excerpt of each document', async () => {
      const { index, stale } = await loadDocumentIndex(store.db, config);
      assert.deepEqual(stale, []);
      for (const [i, t] of texts.entries()) {
        const [m] = index.lookup([part(`関係のない前置き。${t.slice(1000, 1200)}関係のない後書き。`)]);
        assert.equal(m?.path, join(dir, `${i}.txt`));
        assert.ok(m!.longestRunChars >= 100);
      }
    });

    it('re-registering a changed file replaces its fingerprints; unregistering removes them', async () => {
      const path = join(dir, '1.txt');
      const before = (await loadDocumentIndex(store.db, config)).index.lookup([part(texts[1]!)]);
      writeFileSync(path, syntheticText(rng(9999), 4000, 'en'));
      const again = await registerFile(store.db, path, { ...options(), label: 'c3' });
      assert.equal(again.status, 'replaced');
      assert.equal(again.docId, before[0]!.docId);
      const { index } = await loadDocumentIndex(store.db, config);
      assert.deepEqual(index.lookup([part(texts[1]!)]), []);
      await unregisterDocument(store.db, config.org, join(dir, '2.txt'));
      assert.deepEqual((await loadDocumentIndex(store.db, config)).index.lookup([part(texts[2]!)]), []);
    });

    it('a running index follows registrations, replacements and removals made elsewhere', async () => {
      const { index, versions } = await loadDocumentIndex(store.db, config);
      const follower = followRegistry(store.db, config, index, versions);
      const fresh = syntheticText(rng(4242), 3000, 'ja');
      const path = join(dir, 'fresh.txt');
      writeFileSync(path, fresh);
      await registerFile(store.db, path, options());
      assert.deepEqual(await follower.refresh(), { added: 1, replaced: 0, removed: 0 });
      assert.equal(index.lookup([part(fresh.slice(500, 800))])[0]?.path, path);
      const changed = syntheticText(rng(4343), 3000, 'ja');
      writeFileSync(path, changed);
      await new Promise((r) => setTimeout(r, 5)); // a new registration time
      await registerFile(store.db, path, options());
      assert.deepEqual(await follower.refresh(), { added: 0, replaced: 1, removed: 0 });
      assert.deepEqual(index.lookup([part(fresh.slice(500, 800))]), []);
      assert.equal(index.lookup([part(changed.slice(500, 800))])[0]?.path, path);
      await unregisterDocument(store.db, config.org, path);
      assert.deepEqual(await follower.refresh(), { added: 0, replaced: 0, removed: 1 });
      assert.deepEqual(index.lookup([part(changed.slice(500, 800))]), []);
      assert.deepEqual(await follower.refresh(), { added: 0, replaced: 0, removed: 0 });
      follower.stop();
    });

    it('applies the configured allow-corpus and reports unreadable allow-corpus files', async () => {
      const allowPath = join(dir, 'letterhead.txt');
      writeFileSync(allowPath, texts[3]!.slice(0, 1500));
      const cfg = { ...config, fingerprint: { ...config.fingerprint, allowCorpus: [allowPath, join(dir, 'gone.txt')] } };
      const { index, allowErrors } = await loadDocumentIndex(store.db, cfg);
      assert.equal(allowErrors.length, 1);
      assert.deepEqual(index.lookup([part(texts[3]!.slice(100, 1400))]), []);
      assert.equal(index.lookup([part(texts[3]!.slice(2000, 3500))]).length, 1);
    });
  });
}
