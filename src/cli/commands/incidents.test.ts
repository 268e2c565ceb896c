import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { match, uploadEvent } from '../../incidents/test-support/fixtures.js';
import { loadStixValidator } from '../../respond/test-support/stix-validator.js';
import type { StixBundle } from '../../respond/index.js';
import { insertEvents, openStore } from '../../store/index.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));

describe('mamori incidents / incident / report / export / quarantine', () => {
  let dir: string;
  const mamori = (...args: string[]) =>
    spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', '--data-dir', dir, ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, MAMORI_CONFIG: '', MAMORI_ACTOR: 'sato' }, timeout: 60_000 });
  let id = '';

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'mamori-inc-cli-'));
    const store = await openStore({ kind: 'sqlite', path: join(dir, 'mamori.db') });
    await insertEvents(store.db, [
      uploadEvent({ org: 'default', clientIp: '10.0.0.5', action: 'allow', destHost: 'evil.example', destIp: '203.0.113.9', time: '2026-11-01T10:00:00.000Z', matches: [match('d1', 'c2', '/share/予算|案.docx')] }),
      uploadEvent({ org: 'default', clientIp: '10.0.0.5', action: 'block', destHost: 'evil.example', destIp: '203.0.113.9', time: '2026-11-01T10:05:00.000Z', matches: [match('d2', 'c3', '/share/<秘>.pdf')] }),
    ]);
    await store.close();
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('lists and shows the correlated incident with the documented JSON shape', () => {
    const list = mamori('incidents', '--format', 'json');
    assert.equal(list.status, 0, list.stderr);
    const incidents = JSON.parse(list.stdout) as { id: string; host: string }[];
    assert.equal(incidents.length, 1);
    id = incidents[0]!.id;
    const r = mamori('incident', id, '--format', 'json');
    assert.equal(r.status, 0, r.stderr);
    const v = JSON.parse(r.stdout) as Record<string, unknown> & { destinations: Record<string, unknown>[]; documents: Record<string, unknown>[] };
    for (const k of ['id', 'org', 'host', 'destinations', 'documents', 'findings', 'severity', 'status', 'firstSeen', 'lastSeen', 'timeline']) assert.ok(k in v, k);
    assert.deepEqual(Object.keys(v.destinations[0]!).slice(0, 5), ['ip', 'host', 'firstSeen', 'lastSeen', 'bytesOut']);
    assert.deepEqual(v.documents.map((d) => [d.docId, d.label, d.status]), [['d2', 'c3', 'blocked'], ['d1', 'c2', 'confirmed']]);
    for (const k of ['docId', 'path', 'label', 'status', 'firstSeen', 'lastSeen', 'bytes', 'destinations']) assert.ok(k in v.documents[0]!, k);
    const table = mamori('incidents', '--status', 'new');
    assert.match(table.stdout, /10\.0\.0\.5\s+critical|10\.0\.0\.5\s+high/);
  });

  it('moves the incident along the workflow, audited, and refuses a bad move', () => {
    const r = mamori('incident', id, '--set-status', 'investigating', '--note', 'NISC からの通報', '--assignee', 'sato', '--format', 'json');
    assert.equal(r.status, 0, r.stderr);
    const v = JSON.parse(r.stdout) as { status: string; assignee: string; audit: { actor: string; field: string; note: string }[] };
    assert.equal(v.status, 'investigating');
    assert.equal(v.assignee, 'sato');
    assert.ok(v.audit.some((a) => a.actor === 'sato' && a.field === 'status' && a.note === 'NISC からの通報'));
    const bad = mamori('incident', id, '--set-status', 'new', '--note', 'x');
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /^mamori: ERR_CONFLICT: .*investigating to new/);
    const noNote = mamori('incident', id, '--set-status', 'contained');
    assert.equal(noNote.status, 2);
    assert.match(mamori('incident', 'inc_nope').stderr, /ERR_NOT_FOUND/);
  });

  it('exports block lists and a valid STIX bundle, quarantines, and reports the actions', () => {
    const list = mamori('export', 'list');
    assert.equal(list.status, 0, list.stderr);
    assert.equal(list.stdout, 'evil.example\n203.0.113.9\n');
    const aclDir = join(dir, 'acl');
    spawnSync('mkdir', ['-p', aclDir]);
    const acl = mamori('export', 'squid-acl', '-o', aclDir);
    assert.equal(acl.status, 0, acl.stderr);
    assert.match(readFileSync(join(aclDir, 'mamori-block-dstdomain.acl'), 'utf8'), /^\.evil\.example$/m);
    assert.match(readFileSync(join(aclDir, 'mamori-block-dst.acl'), 'utf8'), /^203\.0\.113\.9$/m);
    assert.equal(mamori('export', 'squid-acl', '-o', join(dir, 'x.acl')).status, 2);
    assert.equal(mamori('export', 'pdf').status, 2);
    const stixFile = join(dir, 'bundle.json');
    assert.equal(mamori('export', 'stix', '--incident', id, '-o', stixFile).status, 0);
    const bundle = JSON.parse(readFileSync(stixFile, 'utf8')) as StixBundle;
    assert.ok(bundle.objects.some((o) => o.type === 'incident'));
    const validate = loadStixValidator();
    if (validate) assert.deepEqual(validate(bundle), []);
    assert.equal(mamori('quarantine', 'add', '10.0.0.5', '--reason', 'beaconing').status, 0);
    const q = JSON.parse(mamori('quarantine', 'list', '--format', 'json').stdout) as { ip: string; incidentId: string }[];
    assert.deepEqual(q.map((e) => [e.ip, e.incidentId]), [['10.0.0.5', id]]);
    const htmlFile = join(dir, 'report.html');
    assert.equal(mamori('report', id, '--format', 'html', '-o', htmlFile).status, 0);
    const html = readFileSync(htmlFile, 'utf8');
    assert.match(html, /概要 \/ Summary/);
    assert.match(html, /&lt;秘&gt;\.pdf/);
    assert.match(html, /Destinations put on the block list: evil\.example, 203\.0\.113\.9/);
    assert.match(html, /Host quarantined at/);
    const md = mamori('report', id, '--format', 'md');
    assert.match(md.stdout, /^# 情報漏えいインシデント報告書 \/ Data leak incident report/);
    assert.match(md.stdout, /\/share\/予算\\\|案\.docx/);
    assert.match(md.stdout, /response-quarantine/);
    assert.equal(mamori('quarantine', 'remove', '10.0.0.5').status, 0);
    assert.equal(mamori('quarantine', 'remove', '10.0.0.5').status, 2);
    assert.ok(!existsSync(join(dir, '.bundle.json.tmp')));
  });
});
