import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { configSchema } from '../config/index.js';
import { LabelTaxonomy, type InspectContext } from '../core/index.js';
import { rng, syntheticText } from '../fingerprint/test-support/corpus.js';
import { followRegistry, loadDocumentIndex, registerBytes } from '../registry/index.js';
import { getEvent, openStore, unregisterDocument, type Store } from '../store/index.js';
import { createInspector } from '../inspect.js';
import { createInspectPool, planShares } from './inspect-pool.js';
import { createIcapServer } from './server.js';
import { IcapClient } from './test-support/client.js';
import { harmlessText, repeatText, sensitiveText } from './test-support/samples.js';

describe('inspection worker pool', () => {
  const config = configSchema.parse({});
  const context: InspectContext = { channel: 'icap', destHost: 'upload.example.jp', contentType: 'text/plain' };

  it('inspects on worker threads with the same result as the pipeline', async () => {
    const pool = await createInspectPool({ size: 2, config, timeoutMs: 30_000 });
    try {
      const [a, b] = await Promise.all([pool.inspect(Buffer.from(sensitiveText()), context), pool.inspect(Buffer.from(harmlessText()), context)]);
      assert.equal(a.verdict.action, 'block');
      assert.equal(a.label, 'c2');
      assert.equal(b.verdict.action, 'allow');
      const input = Buffer.from(harmlessText());
      await pool.inspect(input, context);
      assert.equal(input.toString(), harmlessText(), 'the caller keeps its bytes');
    } finally {
      await pool.close();
    }
  });

  it('replaces a worker that overruns its time and keeps serving', async () => {
    const pool = await createInspectPool({ size: 1, config, timeoutMs: 5 });
    try {
      await assert.rejects(pool.inspect(repeatText(harmlessText(), 4 << 20), context), /exceeded 5 ms/);
    } finally {
      await pool.close();
    }
    const fresh = await createInspectPool({ size: 1, config, timeoutMs: 30_000 });
    try {
      assert.equal((await fresh.inspect(Buffer.from(sensitiveText()), context)).verdict.action, 'block');
    } finally {
      await fresh.close();
    }
  });

  it('fails the job of a worker that crashes, replaces the worker, and the replacement keeps the quarantine list', async () => {
    const pool = await createInspectPool({ size: 1, config, timeoutMs: 30_000, module: 'test-support/crashing-inspect-worker' });
    try {
      pool.setQuarantine(['10.9.8.7']);
      await assert.rejects(pool.inspect(Buffer.from(`CRASH ${harmlessText()}`), context), /inspection worker crashed: injected crash/);
      // Queued behind the crash: served by the replacement, with the state pushed before the crash.
      const [clean, quarantined] = await Promise.all([
        pool.inspect(Buffer.from(harmlessText()), { ...context, clientIp: '10.1.1.1' }),
        pool.inspect(Buffer.from(harmlessText()), { ...context, clientIp: '10.9.8.7' }),
      ]);
      assert.equal(clean.verdict.action, 'allow');
      assert.equal(quarantined.verdict.action, 'block');
      assert.equal(quarantined.verdict.rule, 'quarantined-host-upload');
      assert.equal(pool.replaced, 1);
    } finally {
      await pool.close();
    }
  });

  it('answers an upload whose worker crashed as policy decides unscannable content (block), then serves on', async () => {
    const pool = await createInspectPool({ size: 1, config, timeoutMs: 30_000, module: 'test-support/crashing-inspect-worker' });
    const store = await openStore({ kind: 'sqlite', path: ':memory:' });
    const server = createIcapServer({ config, taxonomy: new LabelTaxonomy(), db: store.db, inspector: pool });
    const { port } = await server.listen('127.0.0.1', 0);
    const c = await IcapClient.connect(port);
    try {
      const crashed = await c.reqmod({ url: 'http://upload.example.jp/x', body: Buffer.from(`CRASH ${harmlessText()}`), allow204: true });
      assert.equal(crashed.status, 200);
      assert.match(crashed.httpHead ?? '', /^HTTP\/1.1 403/);
      const event = await getEvent(store.db, crashed.headers.get('x-mamori-event')!);
      assert.equal(event?.unscannable, true);
      assert.equal(event?.action, 'block');
      const next = await c.reqmod({ url: 'http://upload.example.jp/y', body: Buffer.from(harmlessText()), allow204: true });
      assert.equal(next.status, 204, 'the replacement worker serves the same connection');
    } finally {
      c.close();
      await server.close(1000);
      await pool.close();
      await store.close();
    }
  });

  describe('a large body split over the idle workers', () => {
    const taxonomy = new LabelTaxonomy();
    const inline = createInspector({ config, taxonomy });
    // Personal data and a marking both near the start and near the end: each worker's slice holds some.
    const large = Buffer.from(`【秘】\n${sensitiveText()}\n${harmlessText().repeat(2000)}\n${sensitiveText()}\n`);

    for (const hasDocuments of [false, true]) {
      it(`gives the whole pipeline’s result (${hasDocuments ? 'one worker looks documents up' : 'every worker detects'})`, async () => {
        let combined = 0;
        const combine: typeof inline.combine = (pieces, ctx) => {
          combined++;
          assert.equal(pieces.length, 2);
          return inline.combine(pieces, ctx);
        };
        const pool = await createInspectPool({ size: 2, config, timeoutMs: 30_000, split: { fromBytes: 64 * 1024, combine, hasDocuments: () => hasDocuments } });
        try {
          const split = await pool.inspect(large, context);
          assert.equal(combined, 1, 'the body was split');
          assert.deepEqual(split, await inline.inspect(large, context));
          assert.equal(split.verdict.action, 'block');
          // Small bodies, and large ones while a worker is busy, go whole to one worker.
          const [small, busy] = await Promise.all([pool.inspect(Buffer.from(sensitiveText()), context), pool.inspect(large, context)]);
          assert.equal(combined, 1);
          assert.equal(small.label, 'c2');
          assert.deepEqual(busy.findings, split.findings);
        } finally {
          await pool.close();
        }
      });
    }

    it('plans the shares: the lookup alone on one worker when documents are registered', () => {
      assert.deepEqual(planShares(3, true), [
        { detect: null, lookup: true },
        { detect: { index: 0, of: 2 }, lookup: false },
        { detect: { index: 1, of: 2 }, lookup: false },
      ]);
      assert.deepEqual(planShares(2, false), [
        { detect: { index: 0, of: 2 }, lookup: true },
        { detect: { index: 1, of: 2 }, lookup: false },
      ]);
    });

    it('fails the whole inspection when one share’s worker crashes, and replaces it', async () => {
      const pool = await createInspectPool({
        size: 2,
        config,
        timeoutMs: 30_000,
        module: 'test-support/crashing-inspect-worker',
        split: { fromBytes: 1024, combine: inline.combine, hasDocuments: () => false },
      });
      try {
        await assert.rejects(pool.inspect(Buffer.concat([Buffer.from('CRASH '), large]), context), /inspection worker crashed: injected crash/);
        assert.equal((await pool.inspect(large, context)).verdict.action, 'block');
        assert.equal(pool.replaced, 2);
      } finally {
        await pool.close();
      }
    });
  });

  describe('live state pushed to every worker', () => {
    let dir: string;
    let store: Store;
    before(async () => {
      dir = await mkdtemp(join(tmpdir(), 'mamori-pool-'));
      store = await openStore({ kind: 'sqlite', path: join(dir, 'm.db') });
    });
    after(async () => {
      await store.close();
      await rm(dir, { recursive: true, force: true });
    });

    /** One job per worker at once: with `size` free workers, job i goes to worker i. */
    const onEveryWorker = async (pool: Awaited<ReturnType<typeof createInspectPool>>, size: number, body: string, ctx: InspectContext) =>
      Promise.all(Array.from({ length: size }, () => pool.inspect(Buffer.from(body), ctx)));

    it('a quarantine added while running is honoured by every worker, and so is its release', async () => {
      const pool = await createInspectPool({ size: 2, config, timeoutMs: 30_000 });
      const host = { ...context, clientIp: '::ffff:10.20.0.66' };
      try {
        assert.deepEqual((await onEveryWorker(pool, 2, harmlessText(), host)).map((i) => i.verdict.action), ['allow', 'allow']);
        pool.setQuarantine(['10.20.0.66']);
        const during = await onEveryWorker(pool, 2, harmlessText(), host);
        assert.deepEqual(during.map((i) => `${i.verdict.action} ${i.verdict.rule}`), ['block quarantined-host-upload', 'block quarantined-host-upload']);
        pool.setQuarantine([]);
        assert.deepEqual((await onEveryWorker(pool, 2, harmlessText(), host)).map((i) => i.verdict.action), ['allow', 'allow']);
      } finally {
        await pool.close();
      }
    });

    it('a newer policy reaches every worker, and a worker started to replace a crashed one', async () => {
      const pool = await createInspectPool({ size: 2, config, timeoutMs: 30_000, module: 'test-support/crashing-inspect-worker' });
      try {
        assert.deepEqual((await onEveryWorker(pool, 2, harmlessText(), context)).map((i) => i.verdict.action), ['allow', 'allow']);
        pool.setPolicy(configSchema.parse({ policy: { rules: [{ id: 'no-uploads', action: 'block' }] } }).policy);
        assert.deepEqual((await onEveryWorker(pool, 2, harmlessText(), context)).map((i) => `${i.verdict.action} ${i.verdict.rule}`), ['block no-uploads', 'block no-uploads']);
        await assert.rejects(pool.inspect(Buffer.from(`CRASH ${harmlessText()}`), context), /injected crash/);
        assert.deepEqual((await onEveryWorker(pool, 2, harmlessText(), context)).map((i) => i.verdict.rule), ['no-uploads', 'no-uploads']);
        assert.equal(pool.replaced, 1);
      } finally {
        await pool.close();
      }
    });

    it('a document registered while running is matched by every worker; unregistered, by none', async () => {
      const storeConfig = { kind: 'sqlite' as const, path: join(dir, 'm.db') };
      const pool = await createInspectPool({ size: 2, config, store: storeConfig, timeoutMs: 30_000 });
      const { index, versions } = await loadDocumentIndex(store.db, config);
      const follower = followRegistry(store.db, config, index, versions, 0, { onUpdate: (u) => pool.updateRegistry(u) });
      const text = syntheticText(rng(77), 4000, 'ja');
      const excerpt = `関係のない前置き。${text.slice(1000, 1600)}関係のない後書き。`;
      try {
        const before = await onEveryWorker(pool, 2, excerpt, context);
        assert.deepEqual(before.map((i) => i.matches.length), [0, 0]);
        const outcome = await registerBytes(store.db, '/share/計画.txt', Buffer.from(text), { org: config.org, label: 'c2', owner: null, limits: config.extract });
        assert.equal(outcome.status, 'registered');
        assert.deepEqual(await follower.refresh(), { added: 1, replaced: 0, removed: 0 });
        const after = await onEveryWorker(pool, 2, excerpt, context);
        assert.deepEqual(after.map((i) => i.matches[0]?.docId), [outcome.docId, outcome.docId]);
        assert.deepEqual(after.map((i) => i.label), ['c2', 'c2']);
        await unregisterDocument(store.db, config.org, '/share/計画.txt');
        assert.deepEqual(await follower.refresh(), { added: 0, replaced: 0, removed: 1 });
        assert.deepEqual((await onEveryWorker(pool, 2, excerpt, context)).map((i) => i.matches.length), [0, 0]);
      } finally {
        follower.stop();
        await pool.close();
      }
    });
  });
});
