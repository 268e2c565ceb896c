import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const mamori = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, MAMORI_CONFIG: '' } });

describe('mamori policy check', () => {
  it('lists the shipped default policy as JSON when the config has no rules', () => {
    const r = mamori('policy', 'check', '--format', 'json');
    assert.equal(r.status, 0, r.stderr);
    const out = JSON.parse(r.stdout) as { valid: boolean; defaultPolicy: boolean; rules: { id: string; action: string }[] };
    assert.equal(out.defaultPolicy, true);
    assert.deepEqual(out.rules.map((x) => x.id).slice(0, 3), ['quarantined-host-upload', 'sensitive-to-unapproved', 'unscannable-to-unapproved']);
    assert.deepEqual(out.rules.at(-1), { id: 'default', action: 'allow', when: 'no rule matched', description: 'nothing sensitive found', conditions: {} });
  });

  it('prints one line naming file and line and exits 2 for a bad policy', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mamori-policy-'));
    const file = join(dir, 'bad.yaml');
    writeFileSync(file, "policy:\n  rules:\n    - id: r\n      when:\n        client: ['10.0.0.0/40']\n      action: block\n");
    const r = mamori('--config', file, 'policy', 'check');
    assert.equal(r.status, 2);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /^mamori: ERR_CONFIG: .*bad\.yaml:5: policy\.rules\.0\.when\.client\.entries\.0: bad CIDR prefix in "10\.0\.0\.0\/40"\n$/);
  });

  it('reports labels the taxonomy lacks', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mamori-policy-'));
    const file = join(dir, 'labels.yaml');
    writeFileSync(file, 'policy:\n  rules:\n    - id: r\n      when: { label: { atLeast: c4 } }\n      action: block\n');
    const r = mamori('--config', file, 'policy', 'check');
    assert.equal(r.status, 2);
    assert.match(r.stderr, /ERR_CONFIG: .*labels\.yaml:4: policy\.rules\.0\.when\.label\.atLeast: unknown label "c4"; labels: c1, c2, c3/);
  });
});
