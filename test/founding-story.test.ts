// The founding story end to end: a ministry registers its documents and scans a workstation; the network
// sensor sees the workstation beacon to an outside server; twenty registered documents go out through the
// proxy's ICAP server, first in monitor mode (they leave), then in enforce mode (they are stopped). mamori must
// name the host, the server and exactly those twenty documents, block the server, export valid STIX, and
// stop the host's next upload once it is quarantined.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import Encoding from 'encoding-japanese';
import { pino } from 'pino';
import { loadConfigFile, type MamoriConfig } from '../src/config/index.js';
import { LabelTaxonomy } from '../src/core/index.js';
import { makeZip } from '../src/extract/test-support/zip-writer.js';
import { rng, syntheticText } from '../src/fingerprint/test-support/corpus.js';
import { createIcapServer } from '../src/icap/index.js';
import { IcapClient } from '../src/icap/test-support/client.js';
import { createInspector } from '../src/inspect.js';
import { connHeader, connLine } from '../src/netlog/test-support/logs.js';
import { loadDocumentIndex } from '../src/registry/index.js';
import { QuarantineList, type StixBundle } from '../src/respond/index.js';
import { loadStixValidator } from '../src/respond/test-support/stix-validator.js';
import { listDocuments, listEvents, openStore, type Store } from '../src/store/index.js';

const root = fileURLToPath(new URL('../', import.meta.url));
const HOST = '10.20.30.40';
const SERVER = '198.51.100.23';

describe('founding story: beaconing workstation, twenty documents out, one incident', () => {
  let dir: string;
  const cli = (config: string, ...args: string[]) => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', '--data-dir', join(dir, 'data'), '--config', join(dir, config), ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, MAMORI_ACTOR: 'soc' }, timeout: 120_000 });
    assert.equal(r.status, 0, `mamori ${args.join(' ')}: ${r.stderr}`);
    return r.stdout;
  };
  const texts = new Map<string, string>();

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'mamori-story-'));
    for (const mode of ['monitor', 'enforce']) {
      writeFileSync(join(dir, `${mode}.yaml`), `host: ${HOST}\npolicy:\n  mode: ${mode}\nnetlog:\n  internal: ['10.0.0.0/8']\n`);
    }
    const random = rng(7);
    for (const [label, n] of [['c1', 4], ['c2', 16], ['c3', 6]] as const) {
      mkdirSync(join(dir, 'corpus', label), { recursive: true });
      for (let i = 0; i < n; i++) {
        const path = join(dir, 'corpus', label, `${label}-doc${String(i).padStart(2, '0')}.txt`);
        const text = syntheticText(random, 4000, 'ja');
        writeFileSync(path, text);
        texts.set(path, text);
      }
    }
    // A day of sensor logs: the workstation calls the server every minute for four hours; other hosts browse.
    const lines = [connHeader()];
    const t0 = Date.UTC(2026, 10, 1, 1) / 1000;
    for (let i = 0; i < 240; i++) lines.push(connLine(t0 + i * 60 + random(), HOST, SERVER, 443, 310, 520, { duration: 0.4 }));
    for (let i = 0; i < 300; i++) lines.push(connLine(t0 + random() * 14_400, `10.20.30.${50 + (i % 20)}`, `203.0.113.${i % 97}`, 443, 2000 + Math.floor(random() * 50_000), 90_000, { duration: random() * 5 }));
    lines.sort((a, b) => (a.startsWith('#') ? -1 : b.startsWith('#') ? 1 : Number(a.split('\t')[0]) - Number(b.split('\t')[0])));
    writeFileSync(join(dir, 'conn.log'), `${lines.join('\n')}\n`);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('answers which documents left, to where, since when — and closes the door', async () => {
    for (const label of ['c1', 'c2', 'c3']) cli('monitor.yaml', 'register', join(dir, 'corpus', label), '--label', label);
    cli('monitor.yaml', 'scan', join(dir, 'corpus'));
    cli('monitor.yaml', 'ingest', join(dir, 'conn.log'));

    const path = (label: string, i: number) => join(dir, 'corpus', label, `${label}-doc${String(i).padStart(2, '0')}.txt`);
    const monitorDocs = [...[0, 1, 2, 3, 4, 5, 6, 7].map((i) => path('c2', i)), path('c3', 0), path('c3', 1)];
    const enforceDocs = [...[8, 9, 10, 11, 12, 13, 14].map((i) => path('c2', i)), path('c3', 2), path('c3', 3), path('c3', 4)];

    const store: Store = await openStore({ kind: 'sqlite', path: join(dir, 'data', 'mamori.db') });
    const taxonomy = new LabelTaxonomy();
    const quarantine = await QuarantineList.open(store.db);
    const serve = async (config: MamoriConfig) => {
      const { index } = await loadDocumentIndex(store.db, config);
      const inspector = createInspector({ config, taxonomy, documents: index, isQuarantined: (ip) => quarantine.isQuarantined(ip) });
      const server = createIcapServer({ config, taxonomy, db: store.db, inspector, logger: pino({ level: 'silent' }) });
      const { port } = await server.listen('127.0.0.1', 0);
      return { server, client: await IcapClient.connect(port) };
    };
    const upload = (client: IcapClient, body: Buffer, contentType: string, name: string) =>
      client.reqmod({
        url: `http://${SERVER}/upload?name=${encodeURIComponent(name)}`,
        method: 'POST',
        httpHeaders: [['Content-Type', contentType]],
        icapHeaders: [['X-Client-IP', HOST]],
        body,
        allow204: true,
      });
    try {
      // Monitor mode: plain, zipped (three in one archive), Shift_JIS re-encoded.
      const m = await serve(loadConfigFile(join(dir, 'monitor.yaml')));
      for (const p of monitorDocs.slice(0, 3)) await upload(m.client, Buffer.from(texts.get(p)!), 'text/plain; charset=utf-8', p);
      await upload(m.client, makeZip(monitorDocs.slice(3, 6).map((p) => ({ name: p.split('/').pop()!, data: texts.get(p)! }))), 'application/zip', 'docs.zip');
      for (const p of monitorDocs.slice(6)) await upload(m.client, Buffer.from(Encoding.convert(Encoding.stringToCode(texts.get(p)!), { to: 'SJIS', from: 'UNICODE' })), 'text/plain; charset=shift_jis', p);
      m.client.socket.destroy();
      await m.server.close(2000);

      // Enforce mode: some documents cut in two requests, the rest whole.
      const e = await serve(loadConfigFile(join(dir, 'enforce.yaml')));
      for (const p of enforceDocs.slice(0, 3)) {
        const t = texts.get(p)!;
        for (const part of [t.slice(0, t.length / 2), t.slice(t.length / 2)]) await upload(e.client, Buffer.from(part), 'text/plain; charset=utf-8', p);
      }
      for (const p of enforceDocs.slice(3)) assert.notEqual((await upload(e.client, Buffer.from(texts.get(p)!), 'text/plain; charset=utf-8', p)).status, 204);
      e.client.socket.destroy();
      await e.server.close(2000);

      // The questions of the story, answered from what was recorded.
      const incidents = JSON.parse(cli('monitor.yaml', 'incidents', '--format', 'json')) as { id: string; host: string }[];
      const mine = incidents.filter((i) => i.host === HOST);
      assert.equal(mine.length, 1, JSON.stringify(incidents));
      const view = JSON.parse(cli('monitor.yaml', 'incident', mine[0]!.id, '--format', 'json')) as {
        host: string;
        destinations: { ip: string | null; bytesOut: number; findings: number }[];
        documents: { docId: string; path: string; label: string; status: string }[];
        findings: { kind: string; dst: string }[];
      };
      assert.equal(view.host, HOST);
      assert.ok(view.destinations.some((d) => d.ip === SERVER && d.findings > 0), JSON.stringify(view.destinations));
      assert.ok(view.findings.some((f) => f.kind === 'beacon' && f.dst === SERVER), JSON.stringify(view.findings));
      const registered = new Map((await listDocuments(store.db, { org: 'default' })).map((d) => [d.id, d]));
      const got = view.documents.map((d) => [registered.get(d.docId)?.path ?? d.path, d.label, d.status]).sort();
      const expected = [
        ...monitorDocs.map((p) => [p, p.includes('/c3/') ? 'c3' : 'c2', 'confirmed']),
        ...enforceDocs.map((p) => [p, p.includes('/c3/') ? 'c3' : 'c2', 'blocked']),
      ].sort();
      assert.deepEqual(got, expected);

      // Close the door: the block list holds the server, STIX validates, the quarantined host is stopped.
      assert.match(cli('monitor.yaml', 'export', 'list'), new RegExp(`^${SERVER.replace(/\./g, '\\.')}$`, 'm'));
      const bundle = JSON.parse(cli('monitor.yaml', 'export', 'stix', '--incident', mine[0]!.id)) as StixBundle;
      const validate = loadStixValidator();
      if (validate) assert.deepEqual(validate(bundle), []);
      cli('monitor.yaml', 'quarantine', 'add', HOST, '--reason', 'beaconing to the exfiltration server');
      await quarantine.refresh();
      const q = await serve(loadConfigFile(join(dir, 'enforce.yaml')));
      const answer = await upload(q.client, Buffer.from('週報：特記事項なし。'), 'text/plain; charset=utf-8', 'weekly.txt');
      q.client.socket.destroy();
      await q.server.close(2000);
      assert.notEqual(answer.status, 204);
      const [last] = await listEvents(store.db, { clientIp: HOST, limit: 1 });
      assert.equal(last!.action, 'block');
      assert.equal(last!.rule, 'quarantined-host-upload');
    } finally {
      await store.close();
    }
  });
});
