import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pino } from 'pino';
import { rng, syntheticText } from '../fingerprint/test-support/corpus.js';
import { IcapClient, type IcapAnswer } from '../icap/test-support/client.js';
import { harmlessText } from '../icap/test-support/samples.js';
import { registerBytes } from '../registry/index.js';
import { QuarantineList } from '../respond/index.js';
import { getEvent, openStore, unregisterDocument, type Store } from '../store/index.js';
import { createContext, type CliContext } from './context.js';
import { startIcapService, type IcapService } from './icap-service.js';

/** The ICAP service as `mamori icap` runs it, with two inspection workers (every body sent to them) and quick refreshes of the live state. */
describe('ICAP service with inspection workers', () => {
  let dir: string;
  let ctx: CliContext;
  let store: Store;
  /** A second connection, as `mamori quarantine add` / `mamori register` in another process would use. */
  let other: Store;
  let icap: IcapService;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'mamori-icap-service-'));
    const configPath = join(dir, 'mamori.yaml');
    await writeFile(configPath, 'icap:\n  inspectWorkers: 2\n  inspectInlineBelowBytes: 0\n  splitInspectionFromBytes: 262144\n  registryRefreshMs: 100\nrespond:\n  quarantineRefreshMs: 100\n');
    ctx = createContext({ dataDir: dir, config: configPath });
    store = await ctx.openStore();
    other = await openStore(ctx.storeConfig);
    icap = await startIcapService(ctx, store, '127.0.0.1:0', pino({ level: 'silent' }));
  });
  after(async () => {
    await icap?.close();
    await other?.close();
    await store?.close();
    await rm(dir, { recursive: true, force: true });
  });

  /** `n` uploads at once on `n` connections (one per worker and more), from `clientIp`. */
  async function uploads(n: number, body: string, clientIp: string): Promise<IcapAnswer[]> {
    const clients = await Promise.all(Array.from({ length: n }, () => IcapClient.connect(icap.port)));
    try {
      return await Promise.all(
        clients.map((c, i) => c.reqmod({ url: `http://upload.example.jp/${i}`, body: Buffer.from(body), allow204: true, icapHeaders: [['X-Client-IP', clientIp]], httpHeaders: [['Content-Type', 'text/plain']] })),
      );
    } finally {
      for (const c of clients) c.close();
    }
  }

  /** Uploads until `done` holds for every answer of a round; at most 100 rounds (the refresh runs every 100 ms). */
  async function until(body: string, clientIp: string, done: (a: IcapAnswer) => Promise<boolean>): Promise<IcapAnswer[]> {
    for (let round = 0; round < 100; round++) {
      const answers = await uploads(4, body, clientIp);
      if ((await Promise.all(answers.map(done))).every(Boolean)) return answers;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error('the change was not honoured within 100 rounds');
  }

  it('runs the configured number of inspection workers', () => {
    assert.equal(icap.inspectWorkers, 2);
  });

  it('honours a quarantine added by another process while running, then its release', async () => {
    const host = '10.20.0.77';
    assert.deepEqual((await uploads(4, harmlessText(), host)).map((a) => a.status), [204, 204, 204, 204]);
    const list = await QuarantineList.open(other.db);
    await list.add(host, { org: ctx.config.org, reason: 'beaconing', actor: 'test' });
    const blocked = await until(harmlessText(), host, async (a) => a.status === 200 && /403 Forbidden/.test(a.httpHead ?? ''));
    for (const a of blocked) assert.equal((await getEvent(store.db, a.headers.get('x-mamori-event')!))?.rule, 'quarantined-host-upload');
    assert.deepEqual((await uploads(4, harmlessText(), '10.20.0.78')).map((a) => a.status), [204, 204, 204, 204], 'other hosts pass');
    await list.remove(host);
    await until(harmlessText(), host, async (a) => a.status === 204);
  });

  it('matches a document registered by another process while running, and stops after it is unregistered', async () => {
    const text = syntheticText(rng(91), 4000, 'ja');
    const excerpt = `関係のない前置き。${text.slice(1000, 1600)}関係のない後書き。`;
    const matched = async (a: IcapAnswer) => ((await getEvent(store.db, a.headers.get('x-mamori-event')!))?.matches.length ?? 0) > 0;
    assert.deepEqual(await Promise.all((await uploads(4, excerpt, '10.0.0.5')).map(matched)), [false, false, false, false]);
    const outcome = await registerBytes(other.db, '/share/予算案.txt', Buffer.from(text), { org: ctx.config.org, label: 'c2', owner: null, limits: ctx.config.extract });
    assert.equal(outcome.status, 'registered');
    const answers = await until(excerpt, '10.0.0.5', matched);
    for (const a of answers) {
      const event = await getEvent(store.db, a.headers.get('x-mamori-event')!);
      assert.equal(event?.matches[0]?.docId, outcome.docId);
      assert.equal(event?.label, 'c2');
    }
    await unregisterDocument(other.db, ctx.config.org, '/share/予算案.txt');
    await until(excerpt, '10.0.0.5', async (a) => !(await matched(a)));
  });

  it('decides a large upload split over both workers as a whole: registered excerpt, personal data, quarantine', async () => {
    const text = syntheticText(rng(93), 6000, 'ja');
    const outcome = await registerBytes(other.db, '/share/人事案.txt', Buffer.from(text), { org: ctx.config.org, label: 'c3', owner: null, limits: ctx.config.extract });
    await icap.refresh();
    // 600 KB: the excerpt near the end, personal data near the start, so each worker's share holds part of the evidence.
    const body = `職員 個人番号: 5260 1815 9084\n${harmlessText().repeat(Math.ceil(600_000 / harmlessText().length))}\n${text.slice(2000, 2600)}\n`;
    assert.ok(Buffer.byteLength(body) > 512 * 1024);
    const c = await IcapClient.connect(icap.port);
    try {
      const send = (clientIp: string) => c.reqmod({ url: 'http://upload.example.jp/big', body: Buffer.from(body), allow204: true, icapHeaders: [['X-Client-IP', clientIp]], httpHeaders: [['Content-Type', 'text/plain']] });
      const answer = await send('10.0.0.9');
      assert.match(answer.httpHead ?? '', /403 Forbidden/);
      const event = await getEvent(store.db, answer.headers.get('x-mamori-event')!);
      assert.equal(event?.label, 'c3');
      assert.equal(event?.matches[0]?.docId, outcome.docId);
      assert.equal(event?.findings.find((f) => f.detector === 'jp.my_number')?.count, 1);
      const list = await QuarantineList.open(other.db);
      await list.add('10.0.0.10', { org: ctx.config.org, reason: 'beaconing', actor: 'test' });
      await icap.refresh();
      const quarantined = await getEvent(store.db, (await send('10.0.0.10')).headers.get('x-mamori-event')!);
      assert.equal(quarantined?.rule, 'quarantined-host-upload');
      await list.remove('10.0.0.10');
    } finally {
      c.close();
      await unregisterDocument(other.db, ctx.config.org, '/share/人事案.txt');
    }
  });
});
