import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { connHeader, connLine, tempDir, writeLog } from '../../netlog/test-support/logs.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const mamori = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, MAMORI_CONFIG: '' } });

describe('mamori ingest and hunt', () => {
  it('ingests a directory with a damaged line and lists the beacon as JSON; the config allow-list hides it', () => {
    const dir = tempDir();
    const logs = join(dir, 'logs');
    const lines = Array.from({ length: 40 }, (_, i) => connLine(1_790_000_000 + i * 300 + (i % 4) * 20, '172.20.1.5', '198.51.100.66', 8081, 512, 128));
    mkdirSync(logs);
    writeLog(logs, 'conn.log.gz', `${connHeader()}\n${lines.slice(0, 20).join('\n')}\nbroken line\n`);
    writeLog(logs, 'conn2.log', `${connHeader()}\n${lines.slice(20).join('\n')}\n`);
    const data = join(dir, 'data');
    const ing = mamori('--data-dir', data, 'ingest', logs, '--internal', '172.20.0.0/16', '--format', 'json');
    assert.equal(ing.status, 0, ing.stderr);
    const report = JSON.parse(ing.stdout) as { records: number; badLines: number; perType: Record<string, { records: number }> };
    assert.equal(report.records, 40);
    assert.equal(report.badLines, 1);
    assert.equal(report.perType.conn?.records, 40);
    const h = mamori('--data-dir', data, 'hunt', '--kind', 'beacon', '--format', 'json');
    assert.equal(h.status, 0, h.stderr);
    const findings = JSON.parse(h.stdout) as Array<{ kind: string; src: string; dst: string; port: number; severity: string; reasons: string[] }>;
    assert.equal(findings[0]?.dst, '198.51.100.66');
    assert.equal(findings[0]?.port, 8081);
    assert.deepEqual(Object.keys(findings[0]!), ['kind', 'src', 'dst', 'dstHost', 'port', 'score', 'severity', 'firstSeen', 'lastSeen', 'connections', 'bytesOut', 'reasons']);
    const cfg = join(dir, 'mamori.yaml');
    writeFileSync(cfg, 'netlog:\n  allow: ["198.51.100.0/24"]\n');
    const allowed = mamori('--data-dir', data, '--config', cfg, 'hunt', '--format', 'json');
    assert.equal(allowed.status, 0, allowed.stderr);
    assert.deepEqual(JSON.parse(allowed.stdout), []);
  });

  it('rejects bad flags with exit 2 and one line', () => {
    const r = mamori('--data-dir', tempDir(), 'hunt', '--min-score', '7');
    assert.equal(r.status, 2);
    assert.match(r.stderr, /^mamori: ERR_USAGE: --min-score/);
    const bad = mamori('--data-dir', tempDir(), 'ingest', '/nonexistent/zeek', '--internal', '10.0.0.0/8');
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /ERR_INPUT: cannot read \/nonexistent\/zeek/);
    const net = mamori('--data-dir', tempDir(), 'ingest', root, '--internal', '10.0.0.0/99');
    assert.equal(net.status, 2);
    assert.match(net.stderr, /bad internal network/);
  });
});
