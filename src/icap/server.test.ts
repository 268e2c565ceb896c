import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { listEvents } from '../store/index.js';
import { IcapClient } from './test-support/client.js';
import { harmlessText, sensitiveText } from './test-support/samples.js';
import { startTestIcap, type TestIcap } from './test-support/start.js';

const sensitive = Buffer.from(sensitiveText());
const harmless = Buffer.from(harmlessText());

describe('ICAP server', () => {
  let icap: TestIcap;
  let client: IcapClient;
  before(async () => {
    icap = await startTestIcap();
    client = await IcapClient.connect(icap.port);
  });
  after(async () => {
    client.close();
    await icap.stop();
  });

  it('answers OPTIONS with the RFC 3507 fields', async () => {
    const a = await client.options();
    assert.equal(a.status, 200);
    assert.equal(a.headers.get('methods'), 'REQMOD');
    assert.match(a.headers.get('istag') ?? '', /^"mamori-[0-9a-f]{16}"$/);
    assert.equal(a.headers.get('allow'), '204');
    assert.equal(a.headers.get('preview'), '4096');
    assert.equal(a.headers.get('encapsulated'), 'null-body=0');
    assert.ok(Number(a.headers.get('options-ttl')) > 0);
    assert.ok(Number(a.headers.get('max-connections')) > 0);
    assert.equal((await client.options('respmod')).status, 404);
  });

  it('passes a GET (Preview: 0, null-body) with 204 and records nothing', async () => {
    const before = (await listEvents(icap.store.db)).length;
    const a = await client.reqmod({ url: 'http://example.jp/', method: 'GET', preview: 0, allow204: true });
    assert.equal(a.status, 204);
    assert.equal((await listEvents(icap.store.db)).length, before);
  });

  it('allows a harmless upload: 204 when allowed, the request echoed when not', async () => {
    assert.equal((await client.reqmod({ url: 'http://example.jp/up', body: harmless, allow204: true })).status, 204);
    const echo = await client.reqmod({ url: 'http://example.jp/up', body: harmless });
    assert.equal(echo.status, 200);
    assert.match(echo.httpHead ?? '', /^POST http:\/\/example\.jp\/up HTTP\/1\.1\r\n/);
    assert.deepEqual(echo.body, harmless);
  });

  it('echoes after 100 Continue when 204 was not allowed (Squid with an unbufferable body)', async () => {
    const body = Buffer.concat(Array.from({ length: 40 }, () => harmless));
    const a = await client.reqmod({ url: 'http://example.jp/up', body, preview: 16, allow204: false, chunkSize: 100 });
    assert.equal(a.status, 200);
    assert.deepEqual(a.body, body);
    const b = await client.reqmod({ url: 'http://example.jp/up', body, preview: 16, allow204: true });
    assert.equal(b.status, 204);
    // The whole body within the preview (ieof): 204 is allowed even without Allow: 204.
    assert.equal((await client.reqmod({ url: 'http://example.jp/up', body: harmless, preview: 4096 })).status, 204);
  });

  it('blocks sensitive content with an HTTP 403 page inside ICAP 200, the event stored first', async () => {
    const a = await client.reqmod({
      url: 'http://203.0.113.7/upload?x=1',
      body: sensitive,
      preview: 10,
      allow204: true,
      icapHeaders: [
        ['X-Client-IP', '10.1.2.3'],
        ['X-Authenticated-User', Buffer.from('WinNT://MINISTRY/tanaka').toString('base64')],
      ],
      httpHeaders: [['Content-Type', 'text/plain']],
    });
    assert.equal(a.status, 200);
    assert.match(a.httpHead ?? '', /^HTTP\/1\.1 403 Forbidden\r\n/);
    assert.match(a.httpHead ?? '', /Content-Type: text\/html; charset=utf-8/);
    const page = a.body!.toString('utf8');
    assert.match(page, /送信が遮断されました/);
    assert.match(page, /Upload blocked/);
    const ref = /Reference: <code>(evt_[0-9a-z]+)<\/code>/.exec(page)?.[1];
    assert.ok(ref, 'the page quotes the event id');
    assert.ok(!page.includes('個人番号'), 'the page does not repeat the content');
    const [event] = (await listEvents(icap.store.db, { action: 'block' })).filter((e) => e.id === ref);
    assert.ok(event, 'the block event is in the store when the answer arrives');
    assert.equal(event.channel, 'icap');
    assert.equal(event.clientIp, '10.1.2.3');
    assert.equal(event.user, 'MINISTRY\\tanaka');
    assert.equal(event.method, 'POST');
    assert.equal(event.destHost, '203.0.113.7');
    assert.equal(event.destIp, '203.0.113.7');
    assert.equal(event.url, 'http://203.0.113.7/upload?x=1');
    assert.equal(event.bytes, sensitive.byteLength);
    assert.ok(event.findings.length > 0);
    assert.match(event.sha256 ?? '', /^[0-9a-f]{64}$/);
  });

  it('answers JSON to a request that wanted JSON', async () => {
    const body = Buffer.from(JSON.stringify({ note: sensitiveText() }));
    const a = await client.reqmod({ url: 'http://api.example.jp/v1/notes', body, allow204: true, httpHeaders: [['Content-Type', 'application/json'], ['Accept', 'application/json']] });
    assert.match(a.httpHead ?? '', /403 Forbidden[\s\S]*application\/json/);
    const json = JSON.parse(a.body!.toString('utf8')) as { error: string; reference: string };
    assert.equal(json.error, 'blocked');
    assert.match(json.reference, /^evt_/);
  });

  it('keeps one connection for many transactions, and honours Connection: close', async () => {
    const c = await IcapClient.connect(icap.port);
    for (let i = 0; i < 20; i++) {
      const a = await c.reqmod({ url: 'http://example.jp/up', body: i % 2 ? sensitive : harmless, allow204: true, preview: i % 3 === 0 ? 0 : undefined });
      assert.equal(a.status, i % 2 ? 200 : 204);
    }
    await c.reqmod({ url: 'http://example.jp/up', body: harmless, allow204: true, icapHeaders: [['Connection', 'close']] });
    assert.equal(await c.closed(), true);
  });

  it('records an allow event with identity from X-Client-Username', async () => {
    await client.reqmod({ url: 'http://example.jp/form', body: harmless, allow204: true, icapHeaders: [['X-Client-IP', '10.9.9.9'], ['X-Client-Username', 'suzuki']] });
    const [e] = await listEvents(icap.store.db, { clientIp: '10.9.9.9' });
    assert.equal(e?.action, 'allow');
    assert.equal(e?.user, 'suzuki');
  });
});

describe('ICAP server bodies past the memory threshold', () => {
  let icap: TestIcap;
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'mamori-icap-spool-'));
    icap = await startTestIcap({ memoryThresholdBytes: 1024, maxBodyBytes: 256 * 1024, spoolDir: dir });
  });
  after(async () => {
    await icap.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('spools, inspects and echoes a large body, then deletes the temporary file', async () => {
    const c = await IcapClient.connect(icap.port);
    const body = Buffer.alloc(200 * 1024, harmlessText());
    let settled = false;
    const pending = c.reqmod({ url: 'http://example.jp/big', body, preview: 1024, chunkSize: 7000 }).finally(() => (settled = true));
    let sawSpool = false;
    // Look while the transaction is under way (the server runs in this process), bounded by time: a loaded
    // machine may take a while to send the body.
    for (const deadline = Date.now() + 10_000; Date.now() < deadline && !settled && !sawSpool; ) {
      sawSpool = readdirSync(dir).some((f) => f.startsWith('mamori-icap-'));
      await new Promise((r) => setTimeout(r, 1));
    }
    const a = await pending;
    assert.ok(sawSpool, 'the body went to a file in spoolDir');
    assert.equal(a.status, 200);
    assert.ok(a.body!.equals(body));
    const late = Buffer.concat([Buffer.alloc(100 * 1024, 'a'), sensitive]);
    const b = await c.reqmod({ url: 'http://example.jp/big', body: late, allow204: true });
    assert.match(b.httpHead ?? '', /403/, 'a marking past the memory threshold is still found');
    c.close();
    for (let i = 0; i < 100 && readdirSync(dir).length > 0; i++) await new Promise((r) => setTimeout(r, 10));
    assert.deepEqual(readdirSync(dir), []);
  });

  it('decides a body over maxBodyBytes as unscannable (default policy: block)', async () => {
    const c = await IcapClient.connect(icap.port);
    const a = await c.reqmod({ url: 'http://example.jp/huge', body: Buffer.alloc(300 * 1024, 'b'), allow204: true });
    assert.match(a.httpHead ?? '', /403/);
    const [e] = await listEvents(icap.store.db, { action: 'block' });
    assert.equal(e?.unscannable, true);
    assert.equal(e?.bytes, 300 * 1024);
    assert.match(e?.reason ?? '', /unscannable|inspect/i);
    c.close();
  });
});
