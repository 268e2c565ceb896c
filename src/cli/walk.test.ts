import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { walkFiles, type WalkSkip } from './walk.js';

describe('walkFiles', () => {
  const base = mkdtempSync(join(tmpdir(), 'mamori-walk-'));
  after(() => rmSync(base, { recursive: true, force: true }));

  it('lists files in name order, follows links inside the tree only, survives loops', async () => {
    const root = join(base, 'share');
    mkdirSync(join(root, 'b/c'), { recursive: true });
    writeFileSync(join(root, 'a.txt'), 'a');
    writeFileSync(join(root, 'b/c/d.txt'), 'dd');
    writeFileSync(join(base, 'outside.txt'), 'secret outside');
    symlinkSync(join(base, 'outside.txt'), join(root, 'link-out'));
    symlinkSync(join(root, 'a.txt'), join(root, 'link-in'));
    symlinkSync(root, join(root, 'b/loop'));
    const skips: WalkSkip[] = [];
    const files = [];
    for await (const f of walkFiles([root], (s) => skips.push(s))) files.push(f);
    const rel = files.map((f) => f.path.slice(root.length + 1));
    assert.deepEqual(rel, ['a.txt', 'b/c/d.txt', 'link-in']);
    assert.equal(files[1]!.size, 2);
    assert.ok(skips.some((s) => s.path.endsWith('link-out') && /out of the scanned tree/.test(s.reason)));
  });

  it('reports a missing root instead of throwing', async () => {
    const skips: WalkSkip[] = [];
    const files = [];
    for await (const f of walkFiles([join(base, 'nope')], (s) => skips.push(s))) files.push(f);
    assert.equal(files.length, 0);
    assert.equal(skips[0]!.reason, 'ENOENT');
  });
});
