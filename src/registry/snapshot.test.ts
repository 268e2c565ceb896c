import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { defaultConfig, type MamoriConfig } from '../config/index.js';
import type { TextPart } from '../core/index.js';
import type { DocumentIndex } from '../fingerprint/index.js';
import { rng, syntheticText } from '../fingerprint/test-support/corpus.js';
import { unregisterDocument, type Store } from '../store/index.js';
import { DIALECTS, openTestStore, skipReason } from '../store/test-support/dialects.js';
import { followRegistry, loadDocumentIndex, registerFile, type SnapshotTarget } from './index.js';

const part = (text: string): TextPart => ({ path: 'upload', kind: 'body', mediaType: 'text/plain', text });

for (const dialect of DIALECTS) {
  describe(`index snapshot of the registry (${dialect})`, { skip: skipReason(dialect) }, () => {
    let store: Store;
    let dir: string;
    let config: MamoriConfig;
    let target: SnapshotTarget;
    const texts = Array.from({ length: 10 }, (_, i) => syntheticText(rng(800 + i), 3000, i % 2 ? 'ja' : 'mixed'));
    const options = () => ({ org: config.org, label: 'c2', owner: null, limits: config.extract });
    const register = async (i: number, text = texts[i]!): Promise<void> => {
      writeFileSync(join(dir, `${i}.txt`), text);
      await registerFile(store.db, join(dir, `${i}.txt`), options());
    };
    /** Every text's excerpt looked up: what a correct index answers must not depend on where it came from. */
    const answers = (index: DocumentIndex): unknown[] => texts.map((t) => index.lookup([part(`無関係な前置き。${t.slice(800, 1100)}`)]).map((m) => [m.path, m.longestRunChars, m.coverage]));
    const load = async (log: string[] = []) => loadDocumentIndex(store.db, config, { snapshot: target, log: (m) => log.push(m) });
    const rebuilt = async () => answers((await loadDocumentIndex(store.db, config)).index);

    before(async () => {
      store = await openTestStore(dialect);
      dir = mkdtempSync(join(tmpdir(), 'mamori-snapshot-'));
      config = defaultConfig();
      target = { path: join(dir, 'cache', 'index.snapshot'), source: `test:${dialect}#${config.org}` };
      for (let i = 0; i < 6; i++) await register(i);
    });
    after(async () => {
      await store?.close();
      rmSync(dir, { recursive: true, force: true });
    });

    it('the first start-up rebuilds from the store and writes the snapshot; the next reads it', async () => {
      const log: string[] = [];
      const cold = await load(log);
      assert.equal(cold.source, 'store');
      assert.ok(existsSync(target.path));
      assert.deepEqual(log, [], 'a missing snapshot is the normal first start, not a warning');
      const warm = await load(log);
      assert.equal(warm.source, 'snapshot');
      assert.equal(warm.changes, 0);
      assert.deepEqual(answers(warm.index), answers(cold.index));
      assert.deepEqual(answers(warm.index), await rebuilt());
      assert.deepEqual(warm.versions, cold.versions);
      assert.equal(answers(warm.index).filter((a) => (a as unknown[]).length > 0).length, 6);
    });

    it('applies registrations, replacements and removals made after the snapshot (by another process)', async () => {
      await register(6);
      await new Promise((r) => setTimeout(r, 5)); // a new registration time
      await register(1, texts[7]!);
      await unregisterDocument(store.db, config.org, join(dir, '2.txt'));
      const warm = await load();
      assert.equal(warm.source, 'snapshot');
      assert.equal(warm.changes, 3);
      assert.deepEqual(answers(warm.index), await rebuilt());
      // Three changes over six documents: enough to rewrite the snapshot, which now holds them.
      const again = await load();
      assert.equal(again.changes, 0);
      assert.deepEqual(answers(again.index), await rebuilt());
    });

    it('a damaged, truncated, foreign or unreadable snapshot is logged and rebuilt, never used', async () => {
      const expected = await rebuilt();
      const good = readFileSync(target.path);
      const damage: Record<string, () => void> = {
        truncated: () => truncateSync(target.path, good.byteLength - 7),
        'bit flip': () => {
          const b = Buffer.from(good);
          b[b.byteLength - 3]! ^= 1;
          writeFileSync(target.path, b);
        },
        empty: () => writeFileSync(target.path, ''),
        garbage: () => writeFileSync(target.path, Buffer.from(Array.from({ length: 5000 }, (_, i) => (i * 7919) & 0xff))),
      };
      for (const [name, spoil] of Object.entries(damage)) {
        writeFileSync(target.path, good);
        spoil();
        const log: string[] = [];
        const loaded = await load(log);
        assert.equal(loaded.source, 'store', name);
        assert.deepEqual(answers(loaded.index), expected, name);
        assert.match(log.join('\n'), /index snapshot .* not used \(index snapshot refused: .+\); rebuilding/, name);
        assert.equal((await load()).source, 'snapshot', `${name}: rewritten`);
      }
      // Unreadable and unwritable (a directory in its place): logged twice, the index still built.
      rmSync(target.path);
      mkdirSync(target.path);
      const log: string[] = [];
      const loaded = await load(log);
      assert.equal(loaded.source, 'store');
      assert.deepEqual(answers(loaded.index), expected);
      assert.match(log.join('\n'), /not used \(EISDIR.*\n.*not written/);
      rmSync(target.path, { recursive: true });
      const foreign = await loadDocumentIndex(store.db, config, { snapshot: { ...target, source: 'another store' }, log: () => undefined });
      assert.equal(foreign.source, 'store');
      assert.deepEqual(answers(foreign.index), expected);
    });

    it('a running service writes the snapshot once a batch of changes has settled', async () => {
      const { index, versions } = await load();
      const follower = followRegistry(store.db, config, index, versions, 0, { snapshot: target });
      await register(8);
      await register(9);
      const before = readFileSync(target.path);
      assert.deepEqual(await follower.refresh(), { added: 2, replaced: 0, removed: 0 });
      assert.deepEqual(readFileSync(target.path), before, 'not while the batch may still be going on');
      await follower.refresh();
      const warm = await load();
      assert.equal(warm.changes, 0);
      assert.deepEqual(answers(warm.index), await rebuilt());
      follower.stop();
    });
  });
}
