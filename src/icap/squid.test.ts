import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { after, before, describe, it } from 'node:test';
import { openStore, listEvents } from '../store/index.js';
import { startOrigin, type Origin } from './test-support/origin.js';
import { spawnIcap, type IcapProcess } from './test-support/process.js';
import { harmlessText, repeatText, sensitiveText } from './test-support/samples.js';
import { skipUnless } from './test-support/services.js';
import { startSquid, type Squid } from './test-support/squid.js';
import { makeTestPki } from './test-support/tls.js';

const run = promisify(execFile);

describe('Squid in front of mamori', { skip: skipUnless('squid', 'curl', 'openssl') }, () => {
  let dir: string;
  let icap: IcapProcess;
  let squid: Squid;
  let origin: Origin;
  let tlsOrigin: Origin;
  let caCert: string;
  const f = (name: string) => join(dir, name);
  const storePath = () => f('events.db');

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'mamori-squid-'));
    const pki = await makeTestPki(dir);
    caCert = pki.caCert;
    origin = await startOrigin();
    tlsOrigin = await startOrigin({ cert: pki.serverCert, key: pki.serverKey });
    icap = await spawnIcap(storePath());
    squid = await startSquid(dir, icap.port, { cert: pki.caCert, key: pki.caKey });
    const big = repeatText(`${harmlessText()}0123456789\n`, 20 * 1024 * 1024);
    await writeFile(f('harmless.txt'), harmlessText());
    await writeFile(f('sensitive.txt'), sensitiveText());
    await writeFile(f('harmless.json'), JSON.stringify({ title: 'lunch', body: harmlessText() }));
    await writeFile(f('sensitive.json'), JSON.stringify({ title: 'list', body: sensitiveText() }));
    await writeFile(f('big-harmless.txt'), big);
    await writeFile(f('big-sensitive.txt'), Buffer.concat([big, Buffer.from(sensitiveText())]));
  });
  after(async () => {
    await squid?.stop();
    icap?.child.kill('SIGKILL');
    await origin?.close();
    await tlsOrigin?.close();
    await rm(dir, { recursive: true, force: true });
  });

  /** curl through Squid; returns the HTTP status and body. */
  async function curl(args: string[], https = false): Promise<{ status: number; body: string }> {
    const proxy = `http://127.0.0.1:${https ? squid.bumpPort : squid.port}`;
    const url = https ? `https://127.0.0.1:${tlsOrigin.port}/upload` : `http://127.0.0.1:${origin.port}/upload`;
    const out = f(`resp-${Math.random().toString(36).slice(2)}`);
    const tls = https ? ['--cacert', caCert] : [];
    const { stdout } = await run('curl', ['-sS', '-o', out, '-w', '%{http_code}', '--max-time', '60', '-x', proxy, ...tls, ...args, url], { timeout: 70_000 });
    const body = await import('node:fs/promises').then((fs) => fs.readFile(out, 'utf8').catch(() => ''));
    return { status: Number(stdout.trim()), body };
  }

  const uploads: [string, (kind: 'harmless' | 'sensitive') => string[]][] = [
    ['multipart form', (k) => ['-F', `file=@${f(`${k}.txt`)}`, '-F', 'comment=hello']],
    ['JSON', (k) => ['-H', 'Content-Type: application/json', '--data-binary', `@${f(`${k}.json`)}`]],
    ['raw', (k) => ['-H', 'Content-Type: application/octet-stream', '--data-binary', `@${f(`${k}.txt`)}`]],
    ['chunked', (k) => ['-H', 'Transfer-Encoding: chunked', '-H', 'Content-Type: text/plain', '--data-binary', `@${f(`${k}.txt`)}`]],
    ['20 MB', (k) => ['-H', 'Content-Type: text/plain', '--data-binary', `@${f(`big-${k}.txt`)}`]],
  ];

  for (const https of [false, true]) {
    for (const [what, args] of uploads) {
      it(`${https ? 'HTTPS (ssl_bump)' : 'HTTP'} ${what}: harmless gets 200 from the origin, sensitive gets 403 from mamori`, async () => {
        const target = https ? tlsOrigin : origin;
        const before = target.received.length;
        const ok = await curl(args('harmless'), https);
        assert.equal(ok.status, 200, ok.body.slice(0, 300));
        assert.match(ok.body, /^stored \d+ bytes/);
        assert.equal(target.received.length, before + 1);
        const blocked = await curl(['-H', 'X-Forwarded-For: 10.0.0.1', ...args('sensitive')], https);
        assert.equal(blocked.status, 403, blocked.body.slice(0, 300));
        assert.equal(target.received.length, before + 1, 'the sensitive upload never reached the origin');
        if (what === 'JSON') assert.equal(JSON.parse(blocked.body).error, 'blocked');
        else assert.match(blocked.body, /送信が遮断されました[\s\S]*Upload blocked/);
      });
    }
  }

  it('passes a plain GET and records the client address Squid sends', async () => {
    const r = await run('curl', ['-sS', '-o', '/dev/null', '-w', '%{http_code}', '--max-time', '20', '-x', `http://127.0.0.1:${squid.port}`, `http://127.0.0.1:${origin.port}/page`]);
    assert.equal(r.stdout.trim(), '200');
    const store = await openStore({ kind: 'sqlite', path: storePath() });
    try {
      const [e] = await listEvents(store.db, { action: 'block', limit: 1 });
      assert.equal(e?.clientIp, '127.0.0.1');
      assert.equal(e?.channel, 'icap');
    } finally {
      await store.close();
    }
  });

  it('fails closed while mamori is down (bypass=0) and recovers after a restart', async (t) => {
    icap.child.kill('SIGKILL');
    await icap.exited;
    const before = origin.received.length;
    const down = await curl(['-H', 'Content-Type: text/plain', '--data-binary', `@${f('harmless.txt')}`]);
    assert.notEqual(down.status, 200, 'no upload passes uninspected');
    assert.ok(down.status >= 500, `Squid answers an error (${down.status})`);
    assert.equal(origin.received.length, before, 'nothing reached the origin');
    t.diagnostic(`with mamori down Squid answered HTTP ${down.status}: ${/<title>([^<]*)/i.exec(down.body)?.[1] ?? ''}`);
    icap = await spawnIcap(storePath(), icap.port);
    const restarted = Date.now();
    let status = 0;
    let i = 0;
    for (; i < 60 && status !== 200; i++) {
      status = (await curl(['-H', 'Content-Type: text/plain', '--data-binary', `@${f('harmless.txt')}`])).status;
      if (status !== 200) await new Promise((r) => setTimeout(r, 1000));
    }
    assert.equal(status, 200, 'uploads pass again once mamori is back');
    t.diagnostic(`uploads passed again ${Date.now() - restarted} ms after the restart (${i} attempts)`);
    assert.equal((await curl(['-H', 'Content-Type: text/plain', '--data-binary', `@${f('sensitive.txt')}`])).status, 403);
  });
});
