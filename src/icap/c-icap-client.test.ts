import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { after, before, describe, it } from 'node:test';
import { listEvents } from '../store/index.js';
import { harmlessText, repeatText, sensitiveText } from './test-support/samples.js';
import { skipUnless } from './test-support/services.js';
import { startTestIcap, type TestIcap } from './test-support/start.js';

const run = promisify(execFile);

describe('c-icap-client against mamori', { skip: skipUnless('c-icap-client') }, () => {
  let icap: TestIcap;
  let dir: string;
  const files: Record<string, string> = {};
  before(async () => {
    icap = await startTestIcap();
    dir = await mkdtemp(join(tmpdir(), 'mamori-cicap-'));
    const big = repeatText(`${harmlessText()}0123456789\n`, 10 * 1024 * 1024);
    const contents: Record<string, Buffer> = {
      harmless: Buffer.from(harmlessText()),
      sensitive: Buffer.from(sensitiveText()),
      big,
      bigSensitive: Buffer.concat([big, Buffer.from(sensitiveText())]),
    };
    for (const [name, data] of Object.entries(contents)) {
      files[name] = join(dir, `${name}.txt`);
      await writeFile(files[name]!, data);
    }
  });
  after(async () => {
    await icap.stop();
    await rm(dir, { recursive: true, force: true });
  });

  async function client(...args: string[]): Promise<{ out: string; body: Buffer }> {
    const outFile = join(dir, `out-${Math.random().toString(36).slice(2)}`);
    const { stdout, stderr } = await run('c-icap-client', ['-i', '127.0.0.1', '-p', String(icap.port), '-s', 'reqmod', '-v', '-o', outFile, ...args], { timeout: 60_000, maxBuffer: 1 << 20 });
    const body = await readFile(outFile).catch(() => Buffer.alloc(0));
    await rm(outFile, { force: true });
    return { out: stdout + stderr, body };
  }
  const req = (name: string, ...more: string[]) => client('-f', files[name]!, '-req', 'http://upload.example.jp/post', '-method', 'POST', ...more);

  it('gets OPTIONS', async () => {
    const { out } = await client();
    assert.match(out, /ICAP\/1\.0 200 OK/);
    assert.match(out, /Methods: REQMOD/);
    assert.match(out, /Allow 204: Yes/);
    assert.match(out, /Preview: 4096/);
  });

  for (const mode of [[], ['-nopreview'], ['-no204'], ['-nopreview', '-no204']]) {
    const label = mode.join(' ') || 'preview';
    it(`passes a harmless file and blocks a sensitive one (${label})`, async () => {
      const ok = await req('harmless', ...mode);
      assert.match(ok.out, /ICAP\/1\.0 (204 No Content|200 OK)/);
      assert.doesNotMatch(ok.out, /403 Forbidden/);
      if (/ICAP\/1\.0 200 OK/.test(ok.out)) assert.equal(ok.body.toString(), harmlessText(), 'an echo carries the body unchanged');
      const blocked = await req('sensitive', ...mode);
      assert.match(blocked.out, /ICAP\/1\.0 200 OK/);
      assert.match(blocked.out, /HTTP\/1\.1 403 Forbidden/);
      assert.match(blocked.body.toString('utf8'), /送信が遮断されました/);
    });
  }

  it('handles 10 MB bodies: echoed intact with -no204, blocked when the end is sensitive', async () => {
    const echo = await req('big', '-no204');
    assert.match(echo.out, /ICAP\/1\.0 200 OK/);
    assert.ok(echo.body.equals(await readFile(files.big!)), 'the 10 MB body comes back byte for byte');
    assert.match((await req('big')).out, /ICAP\/1\.0 204/);
    const blocked = await req('bigSensitive');
    assert.match(blocked.out, /HTTP\/1\.1 403 Forbidden/);
    const [last] = await listEvents(icap.store.db, { action: 'block', limit: 1 });
    assert.equal(last?.bytes, (await readFile(files.bigSensitive!)).byteLength);
    assert.equal(last?.url, 'http://upload.example.jp/post');
  });
});
