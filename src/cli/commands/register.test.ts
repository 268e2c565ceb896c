import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import Encoding from 'encoding-japanese';
import { rng, syntheticText } from '../../fingerprint/test-support/corpus.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'mamori-register-'));
const dataDir = join(work, 'data');
const mamori = (...args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', '--data-dir', dataDir, ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, MAMORI_CONFIG: '' } });

interface Outcome { path: string; status: string; docId: string | null }
interface Listed { id: string; path: string; label: string; owner: string | null; fingerprints: number }

describe('mamori register / docs / unregister', () => {
  const share = join(work, 'share');
  const texts = [syntheticText(rng(1), 3000, 'ja'), syntheticText(rng(2), 3000, 'mixed')];
  mkdirSync(join(share, 'sub'), { recursive: true });
  writeFileSync(join(share, 'budget.txt'), Uint8Array.from(Encoding.convert(Encoding.stringToCode(texts[0]!), { to: 'SJIS', from: 'UNICODE' })));
  writeFileSync(join(share, 'sub', 'plan.md'), texts[1]!);
  writeFileSync(join(work, 'outside.txt'), syntheticText(rng(3), 3000, 'en'));
  symlinkSync(join(work, 'outside.txt'), join(share, 'link-out.txt'));
  after(() => rmSync(work, { recursive: true, force: true }));

  it('registers a tree, refuses symlinks out of it and lists what it registered', () => {
    const r = mamori('register', share, '--label', 'c3', '--owner', '総務課', '--format', 'json');
    assert.equal(r.status, 0, r.stderr);
    const out = JSON.parse(r.stdout) as { documents: Outcome[]; summary: { registered: number; walkSkipped: { path: string }[] } };
    assert.deepEqual(out.documents.map((d) => d.status), ['registered', 'registered']);
    assert.equal(out.summary.walkSkipped[0]!.path, join(share, 'link-out.txt'));
    const docs = JSON.parse(mamori('docs', '--format', 'json').stdout) as Listed[];
    assert.deepEqual(docs.map((d) => [d.path, d.label, d.owner]), [[join(share, 'budget.txt'), 'c3', '総務課'], [join(share, 'sub', 'plan.md'), 'c3', '総務課']]);
    assert.ok(docs.every((d) => d.fingerprints > 20));
  });

  it('inspect finds an excerpt, re-encoded and re-wrapped, and raises its label', () => {
    const copy = join(work, 'copy.txt');
    writeFileSync(copy, `前置きの文章です。\n${texts[0]!.slice(500, 700).replace(/。/g, '。\r\n')}\n後書き。`);
    const r = mamori('inspect', copy, '--format', 'json');
    const result = JSON.parse(r.stdout) as { label: string; matches: { path: string; longestRunChars: number }[] };
    assert.equal(result.label, 'c3');
    assert.equal(result.matches[0]!.path, join(share, 'budget.txt'));
    assert.ok(result.matches[0]!.longestRunChars >= 100);
  });

  it('re-registering unchanged files changes nothing; unregister removes by path and reports unknown ones', () => {
    const again = JSON.parse(mamori('register', share, '--label', 'c3', '--owner', '総務課', '--format', 'json').stdout) as { documents: Outcome[] };
    assert.deepEqual(again.documents.map((d) => d.status), ['unchanged', 'unchanged']);
    const r = mamori('unregister', join(share, 'budget.txt'), 'doc_nope', '--format', 'json');
    assert.equal(r.status, 2);
    assert.match(r.stderr, /ERR_NOT_FOUND: not registered: doc_nope/);
    assert.deepEqual((JSON.parse(r.stdout) as { removed: { path: string }[] }).removed.map((d) => d.path), [join(share, 'budget.txt')]);
    assert.equal((JSON.parse(mamori('docs', '--format', 'json').stdout) as Listed[]).length, 1);
  });

  it('rejects a label the taxonomy does not have', () => {
    const r = mamori('register', share, '--label', 'top-secret');
    assert.equal(r.status, 2);
    assert.match(r.stderr, /^mamori: ERR_USAGE: --label must be one of c1\|c2\|c3/);
  });
});
