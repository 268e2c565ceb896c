import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { listBlocklist, type BlocklistEntry, type Store } from '../store/index.js';
import { DIALECTS, REQUIRE_SERVICES, openTestStore, skipReason } from '../store/test-support/dialects.js';
import { writeFileAtomic } from './atomic-write.js';
import { blockIncidentDestinations } from './blocklist.js';
import { renderNftables, renderPlainList, renderSquidDst, renderSquidDstdomain } from './render-blocklist.js';
import { seedLeak } from './test-support/scenario.js';

const guard = { internal: ['10.0.0.0/8', '192.168.0.0/16'], allow: ['trusted.example'] };

function entry(value: string, kind: BlocklistEntry['kind']): BlocklistEntry {
  return { value, kind, incidentId: null, reason: 't', addedBy: 't', addedAt: '2026-11-01T00:00:00.000Z' };
}

function tool(name: string): string | null {
  for (const dir of ['/usr/sbin', '/usr/bin', '/sbin', '/bin']) if (readdirSync(dir).includes(name)) return join(dir, name);
  return null;
}

for (const dialect of DIALECTS) {
  describe(`block list from incidents (${dialect})`, { skip: skipReason(dialect) }, () => {
    let store: Store;
    before(async () => {
      store = await openTestStore(dialect);
    });
    after(async () => {
      await store?.close();
    });

    it('blocks flagged and leak destinations, not those policy already refused, nor internal or allowed ones', async () => {
      const { view, other } = await seedLeak(store);
      const added = await blockIncidentDestinations(store.db, guard);
      assert.deepEqual(added.sort(), ['2001:db8::66', '203.0.113.9', 'evil.example', 'upload.evil.example']);
      const again = await blockIncidentDestinations(store.db, guard, { incidentId: view.id });
      assert.deepEqual(again, [], 'already listed');
      const listed = await listBlocklist(store.db);
      assert.deepEqual(listed.map((e) => [e.value, e.kind]), [['evil.example', 'domain'], ['upload.evil.example', 'domain'], ['2001:db8::66', 'ip'], ['203.0.113.9', 'ip']]);
      // Each entry names an incident that saw it (the shared server is credited to one of the two).
      for (const e of listed) {
        const owner = [view, other].find((v) => v.id === e.incidentId)!;
        assert.ok(owner.destinations.some((d) => d.ip === e.value || d.host === e.value), e.value);
      }
    });
  });
}

describe('block list files', () => {
  const entries = [entry('evil.example', 'domain'), entry('upload.evil.example', 'domain'), entry('Other.example.', 'domain'), entry('203.0.113.9', 'ip'), entry('2001:db8::66', 'ip'), entry('198.51.100.0/24', 'ip'), entry('bad value', 'domain'), entry('999.1.1.1', 'ip')];

  it('renders Squid dstdomain with leading dots and no overlapping entries, and dst with both families', () => {
    const domains = renderSquidDstdomain(entries).split('\n').filter((l) => l && !l.startsWith('#'));
    assert.deepEqual(domains, ['.evil.example', '.other.example']);
    const dst = renderSquidDst(entries).split('\n').filter((l) => l && !l.startsWith('#'));
    assert.deepEqual(dst, ['198.51.100.0/24', '203.0.113.9', '2001:db8::66']);
    assert.equal(renderPlainList(entries), 'evil.example\nother.example\nupload.evil.example\n198.51.100.0/24\n203.0.113.9\n2001:db8::66\n');
  });

  it('writes files atomically: the target is replaced whole, no temporary file is left', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mamori-bl-'));
    try {
      const path = join(dir, 'block.acl');
      writeFileSync(path, 'old\n');
      writeFileAtomic(path, renderSquidDstdomain(entries));
      assert.match(readFileSync(path, 'utf8'), /^\.evil\.example$/m);
      assert.deepEqual(readdirSync(dir), ['block.acl']);
      assert.throws(() => writeFileAtomic(join(dir, 'missing', 'x.acl'), 'x'));
      assert.deepEqual(readdirSync(dir), ['block.acl']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  const squid = tool('squid');
  it('Squid accepts the ACL files without warnings', { skip: !squid && !REQUIRE_SERVICES ? 'squid not installed (set MAMORI_REQUIRE_SERVICES=1 to fail instead)' : false }, () => {
    const dir = mkdtempSync(join(tmpdir(), 'mamori-squid-'));
    try {
      writeFileAtomic(join(dir, 'd.acl'), renderSquidDstdomain(entries));
      writeFileAtomic(join(dir, 'i.acl'), renderSquidDst(entries));
      writeFileSync(
        join(dir, 'squid.conf'),
        [`http_port 127.0.0.1:3999`, `acl mamori_block_domains dstdomain "${dir}/d.acl"`, `acl mamori_block_dst dst "${dir}/i.acl"`, 'http_access deny mamori_block_domains', 'http_access deny mamori_block_dst', 'http_access deny all', ''].join('\n'),
      );
      const r = spawnSync(squid ?? 'squid', ['-k', 'parse', '-f', join(dir, 'squid.conf')], { encoding: 'utf8', timeout: 20_000 });
      const out = `${r.stdout}${r.stderr}`;
      assert.equal(r.status, 0, out);
      assert.doesNotMatch(out, /WARNING|ERROR|FATAL/, out);
      assert.match(out, /Processing: acl mamori_block_domains dstdomain/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  const nft = tool('nft');
  it('nft -c accepts the set file, with and without elements', { skip: !nft && !REQUIRE_SERVICES ? 'nft not installed (set MAMORI_REQUIRE_SERVICES=1 to fail instead)' : false }, () => {
    const dir = mkdtempSync(join(tmpdir(), 'mamori-nft-'));
    try {
      for (const list of [entries, [], [entry('203.0.113.9', 'ip')]]) {
        const text = renderNftables(list);
        writeFileAtomic(join(dir, 'mamori.nft'), text);
        const r = spawnSync(nft ?? 'nft', ['-c', '-f', join(dir, 'mamori.nft')], { encoding: 'utf8', timeout: 20_000 });
        assert.equal(r.status, 0, `${r.stderr}\n${text}`);
      }
      assert.match(renderNftables(entries), /add element inet mamori block_v4 \{ 198\.51\.100\.0\/24, 203\.0\.113\.9 \}/);
      assert.match(renderNftables(entries), /add element inet mamori block_v6 \{ 2001:db8::66 \}/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
