import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { after, describe, it } from 'node:test';

const repo = resolve(import.meta.dirname, '..');
const dataDir = mkdtempSync(join(tmpdir(), 'mamori-examples-'));

function mamori(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(repo, 'src/cli/main.ts'), '--data-dir', dataDir, ...args], { cwd: repo, encoding: 'utf8', timeout: 120_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

interface ScanJson {
  files: { path: string; label: string; cached: boolean; detectors: { detector: string; count: number }[]; matches: { path: string }[] }[];
  summary: { files: number; byLabel: Record<string, number>; cached: number };
}

/** What a ministry's analyst would label each sample file (see examples/README.md). */
const EXPECTED: Record<string, string> = {
  'examples/share/koho/press-release-2026.html': 'c1',
  'examples/share/koho/お知らせ_庁内イベント.txt': 'c1',
  'examples/share/soumu/職員名簿_2026.csv': 'c2',
  'examples/share/kaikei/振込先口座一覧.txt': 'c2',
  'examples/share/seisaku/検討資料_地域交通再編.md': 'c2',
  'examples/share/seisaku/【秘】防災計画_改定案.txt': 'c3',
  'examples/share/joho/deploy-notes.txt': 'c2',
  'examples/share/joho/incident-contacts.eml': 'c2',
  'examples/share/kokusai/briefing-partner-visit.txt': 'c3',
};

describe('the quick start on examples/', () => {
  after(() => rmSync(dataDir, { recursive: true, force: true }));

  it('scan labels every sample file as an analyst would, and keeps the inventory', () => {
    const r = mamori('scan', 'examples/share', '--format', 'json');
    assert.equal(r.status, 0, r.stderr);
    const out = JSON.parse(r.stdout) as ScanJson;
    const got = Object.fromEntries(out.files.map((f) => [relative(repo, f.path), f.label]));
    assert.deepEqual(got, EXPECTED);
    assert.equal(out.summary.cached, 0);
    const roster = out.files.find((f) => f.path.endsWith('職員名簿_2026.csv'))!;
    assert.ok(roster.detectors.some((d) => d.detector === 'jp.my_number'));
  });

  it('a second scan re-reads nothing that did not change', () => {
    const r = mamori('scan', 'examples/share', '--format', 'json');
    assert.equal(r.status, 0, r.stderr);
    const out = JSON.parse(r.stdout) as ScanJson;
    assert.equal(out.summary.cached, Object.keys(EXPECTED).length);
  });

  it('registering documents makes the next scan re-read every file, and finds the registered ones', () => {
    const reg = mamori('register', 'examples/share/seisaku', '--label', 'c2', '--format', 'json');
    assert.equal(reg.status, 0, reg.stderr);
    const r = mamori('scan', 'examples/share', '--format', 'json');
    assert.equal(r.status, 0, r.stderr);
    const out = JSON.parse(r.stdout) as ScanJson;
    assert.equal(out.summary.cached, 0);
    const briefing = out.files.find((f) => f.path.endsWith('検討資料_地域交通再編.md'))!;
    assert.ok(briefing.matches.some((m) => m.path.endsWith('検討資料_地域交通再編.md')));
  });

  it('inspect exits 1 on a block, 0 on an allow, 2 on bad input, with one clear error line', () => {
    assert.equal(mamori('inspect', 'examples/share/kokusai/briefing-partner-visit.txt', '--dest', 'https://paste.example.net/new').status, 1);
    assert.equal(mamori('inspect', 'examples/share/koho/press-release-2026.html', '--dest', 'https://paste.example.net/new').status, 0);
    const bad = mamori('inspect', 'examples/nope.txt');
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /^mamori: ERR_INPUT: cannot read examples\/nope\.txt: ENOENT\n$/);
  });
});
