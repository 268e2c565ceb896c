import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { NetFinding } from '../../core/index.js';
import type { Store } from '../connect.js';
import { DIALECTS, openTestStore, skipReason } from '../test-support/dialects.js';
import { getDnsSummaries, getPairSummaries, insertIngestRun, listIngestRuns, listNetFindings, replaceNetFindings, saveDnsSummaries, savePairSummaries, scanPairContext, scanPairSummaries, type PairSummary } from './netlog.js';

function pair(key: string, over: Partial<PairSummary> = {}): PairSummary {
  const [src, dst] = key.split('\t') as [string, string];
  return {
    key, kind: 'ip', src, dst, dstHost: null, ports: { '443': 3 }, distinctPorts: 1, connections: 3, failed: 0, dupes: 0,
    bytesOut: 5_000_000_000, bytesIn: 10, firstSeen: Date.UTC(2026, 10, 1), lastSeen: Date.UTC(2026, 10, 1, 1), maxDuration: 1.5, totalDuration: 3,
    intervals: [[40, 2]], sizes: [[10, 3]], hours: Array.from({ length: 24 }, (_, i) => (i === 0 ? 3 : 0)), hoursSeen: 1, lastHour: 493_000, ...over,
  };
}

function finding(score: number, kind: NetFinding['kind'] = 'beacon'): NetFinding {
  return { kind, src: '10.0.0.5', dst: '203.0.113.9', dstHost: '例え.jp', port: 443, score, severity: 'high', firstSeen: '2026-11-01T00:00:00.000Z', lastSeen: '2026-11-01T01:00:00.000Z', connections: 3, bytesOut: 5_000_000_000, reasons: ['a', 'b'] };
}

for (const dialect of DIALECTS) {
  describe(`netlog repository (${dialect})`, { skip: skipReason(dialect) }, () => {
    let store: Store;
    before(async () => {
      store = await openTestStore(dialect);
    });
    after(async () => {
      await store?.close();
    });

    it('round-trips pair summaries and updates them in place', async () => {
      const p = pair('10.0.0.5\t203.0.113.9');
      await savePairSummaries(store.db, 'default', [p]);
      assert.deepEqual((await getPairSummaries(store.db, 'default', [p.key])).get(p.key), p);
      await savePairSummaries(store.db, 'default', [{ ...p, connections: 9, dstHost: 'c2.example' }]);
      const got = (await getPairSummaries(store.db, 'default', [p.key])).get(p.key);
      assert.equal(got?.connections, 9);
      assert.equal(got?.dstHost, 'c2.example');
      assert.equal((await getPairSummaries(store.db, 'other-org', [p.key])).size, 0);
    });

    it('pages through many pairs in key order', async () => {
      const many = Array.from({ length: 450 }, (_, i) => pair(`10.1.${Math.floor(i / 200)}.${i % 200}\t198.51.100.1`));
      await savePairSummaries(store.db, 'scan', many);
      const seen: string[] = [];
      for await (const page of scanPairSummaries(store.db, 'scan', 100)) seen.push(...page.map((p) => p.key));
      assert.equal(seen.length, 450);
      assert.deepEqual(seen, [...seen].sort());
      const ctx: string[] = [];
      for await (const page of scanPairContext(store.db, 'scan', 100)) ctx.push(...page.map((p) => `${p.key}|${p.bytesOut}|${p.firstSeen}`));
      assert.deepEqual(ctx, many.map((p) => `${p.key}|${p.bytesOut}|${p.firstSeen}`).sort());
    });

    it('round-trips DNS summaries', async () => {
      const d = { key: '10.0.0.5\texample.com', src: '10.0.0.5', domain: 'example.com', queries: 4, nx: 1, txt: 2, uniqueSketch: [1, 2, 4294967295], nxSketch: [2], labelChars: 80, maxLabel: 40, entropySum: 15.5, samples: ['abc'], firstSeen: 1000, lastSeen: 2000 };
      await saveDnsSummaries(store.db, 'default', [d]);
      assert.deepEqual((await getDnsSummaries(store.db, 'default', [d.key])).get(d.key), d);
    });

    it('replaces findings atomically and lists them highest first with filters', async () => {
      await replaceNetFindings(store.db, 'default', [finding(0.5), finding(0.9), finding(0.7, 'strobe')]);
      assert.deepEqual((await listNetFindings(store.db)).map((f) => f.score), [0.9, 0.7, 0.5]);
      assert.deepEqual(await listNetFindings(store.db, { minScore: 0.8 }), [finding(0.9)]);
      assert.equal((await listNetFindings(store.db, { kind: 'strobe' })).length, 1);
      await replaceNetFindings(store.db, 'default', [finding(0.3)]);
      assert.equal((await listNetFindings(store.db)).length, 1);
    });

    it('records ingest runs', async () => {
      await insertIngestRun(store.db, { id: 'ing_1', org: 'default', startedAt: '2026-11-01T00:00:00.000Z', finishedAt: '2026-11-01T00:00:01.000Z', paths: ['/x'], records: 10, badLines: 1, perType: { conn: { records: 10, badLines: 1 } }, internal: ['10.0.0.0/8'], seconds: 1.25 });
      const [run] = await listIngestRuns(store.db);
      assert.equal(run?.records, 10);
      assert.deepEqual(run?.internal, ['10.0.0.0/8']);
    });
  });
}
