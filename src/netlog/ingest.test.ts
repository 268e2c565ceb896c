import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Store } from '../store/index.js';
import { DIALECTS, openTestStore, skipReason } from '../store/test-support/dialects.js';
import { scanPairSummaries } from '../store/index.js';
import { hunt } from './hunt.js';
import { ingestLogs } from './ingest.js';
import { connHeader, connLine, rng, tempDir, writeLog } from './test-support/logs.js';

/** Two hours of a 200–350 s beacon to a C2 named by SNI, plus periodic traffic to an update server. */
function hourLogs(dir: string): string[] {
  const r = rng(11);
  const lines: string[][] = [[], []];
  const ssl: string[][] = [[], []];
  const start = 1_790_000_000;
  for (let t = start; t < start + 7200; t += 200 + r() * 150) {
    const h = t < start + 3600 ? 0 : 1;
    lines[h]!.push(connLine(t, '10.0.0.5', '203.0.113.9', 443, 700, 300));
    ssl[h]!.push(`${t.toFixed(6)}\tC\t10.0.0.5\t1\t203.0.113.9\t443\tc2.evil.example`);
    lines[h]!.push(connLine(t + 3, '10.0.0.5', '198.51.100.20', 443, 900, 5000));
    ssl[h]!.push(`${(t + 3).toFixed(6)}\tC\t10.0.0.5\t1\t198.51.100.20\t443\tupdates.vendor.example`);
  }
  const sslHeader = '#separator \\x09\n#path\tssl\n#fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tserver_name';
  return [0, 1].flatMap((h) => [
    writeLog(dir, `conn.0${h}.log.gz`, `${connHeader()}\n${lines[h]!.join('\n')}\n`),
    writeLog(dir, `ssl.0${h}.log`, `${sslHeader}\n${ssl[h]!.join('\n')}\n`),
  ]);
}

for (const dialect of DIALECTS) {
  describe(`ingest and hunt (${dialect})`, { skip: skipReason(dialect) }, () => {
    let whole: Store;
    let split: Store;
    before(async () => {
      whole = await openTestStore(dialect);
      split = await openTestStore(dialect);
    });
    after(async () => {
      await whole?.close();
      await split?.close();
    });

    it('a later ingest of the next hour extends the stored summaries to what one ingest of both gives', async () => {
      const files = hourLogs(tempDir());
      const all = await ingestLogs(whole.db, { paths: files, internal: ['10.0.0.0/8'] });
      assert.equal(all.badLines, 0);
      assert.equal(all.perType.conn?.files, 2);
      await ingestLogs(split.db, { paths: [files[0]!, files[1]!], internal: ['10.0.0.0/8'] });
      await ingestLogs(split.db, { paths: [files[2]!, files[3]!], internal: ['10.0.0.0/8'], maxStates: 1 });
      const collect = async (s: Store) => {
        const out = new Map<string, { c: number; n: number }>();
        for await (const page of scanPairSummaries(s.db, 'default')) for (const p of page) out.set(p.key, { c: p.connections, n: p.intervals.reduce((a, [, c]) => a + c, 0) + p.dupes });
        return out;
      };
      assert.deepEqual(await collect(split), await collect(whole));
      const a = await hunt(whole.db, { kind: 'beacon' });
      const b = await hunt(split.db, { kind: 'beacon' });
      assert.deepEqual(b.map((f) => [f.dst, f.dstHost, f.score]), a.map((f) => [f.dst, f.dstHost, f.score]));
      assert.ok(a.some((f) => f.dstHost === 'c2.evil.example' && f.score >= 0.7));
    });

    it('applies the allow-list at hunt time, bare domain included, to data already stored', async () => {
      const before = await hunt(whole.db);
      assert.ok(before.some((f) => f.dstHost === 'updates.vendor.example'));
      const after = await hunt(whole.db, { allow: ['vendor.example'] });
      assert.ok(!after.some((f) => f.dstHost?.endsWith('vendor.example')));
      assert.ok(after.some((f) => f.dstHost === 'c2.evil.example'));
      const wildcard = await hunt(whole.db, { allow: ['*.example'] });
      assert.ok(!wildcard.some((f) => f.dstHost?.endsWith('.example')));
      const cidr = await hunt(whole.db, { allow: ['203.0.113.0/24'] });
      assert.ok(!cidr.some((f) => f.dst === '203.0.113.9'));
      const moved = await hunt(whole.db, { internal: ['10.0.0.0/8', '203.0.113.0/24'] });
      assert.ok(!moved.some((f) => f.dst === '203.0.113.9'), 'a destination now internal drops out');
    });

    it('--internal decides what is outbound', async () => {
      const s = await openTestStore(dialect);
      try {
        const report = await ingestLogs(s.db, { paths: hourLogs(tempDir()), internal: ['192.168.0.0/16'] });
        assert.equal(report.directions.outbound, 0);
        assert.equal((await hunt(s.db)).length, 0);
      } finally {
        await s.close();
      }
    });
  });
}
