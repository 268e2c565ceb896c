import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { IcapClient } from '../../icap/test-support/client.js';
import { harmlessText } from '../../icap/test-support/samples.js';

const MAIN = fileURLToPath(new URL('../main.ts', import.meta.url));

function icapOptions(port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port }, () => socket.write(`OPTIONS icap://127.0.0.1:${port}/reqmod ICAP/1.0\r\nHost: 127.0.0.1\r\nEncapsulated: null-body=0\r\n\r\n`));
    let data = '';
    socket.setTimeout(5000, () => socket.destroy(new Error('ICAP timeout')));
    socket.on('data', (d: Buffer) => {
      data += d.toString('latin1');
      if (data.includes('\r\n\r\n')) {
        socket.end();
        resolve(data);
      }
    });
    socket.on('error', reject);
  });
}

/** `mamori serve` on free ports in `dir`; resolves once the console and ICAP both listen. Output accumulates in `out`. */
async function startServe(dir: string, env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN, '--data-dir', dir, 'serve', '--listen', '127.0.0.1:0', '--icap', '127.0.0.1:0', '--metrics', '127.0.0.1:0'], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
  const out = { stdout: '', stderr: '' };
  child.stdout.on('data', (d: Buffer) => (out.stdout += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const ports = await new Promise<{ http: string; icap: number }>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`serve did not start: ${out.stderr}`));
    }, 45_000);
    child.stderr.on('data', (d: Buffer) => {
      out.stderr += d.toString();
      const http = /"url":"(http:\/\/[^"]+)"/.exec(out.stderr)?.[1];
      const icap = /ICAP listening on icap:\/\/[^:]+:(\d+)/.exec(out.stderr)?.[1];
      if (http && icap) {
        clearTimeout(timer);
        resolve({ http, icap: Number(icap) });
      }
    });
  });
  return { child, out, exited, ports };
}

describe('mamori serve', () => {
  it('creates the first admin once, serves console, API and ICAP, and stops cleanly on SIGTERM', { timeout: 60_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mamori-serve-'));
    try {
      const { child, out, exited, ports } = await startServe(dir, { MAMORI_ADMIN_PASSWORD: '' });
      const password = /one-time password:\n\s+(\S+)/.exec(out.stdout)?.[1];
      assert.ok(password, `no one-time password printed: ${out.stdout}`);
      assert.equal((await fetch(`${ports.http}/readyz`)).status, 200);
      const login = await fetch(`${ports.http}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password }) });
      assert.equal(login.status, 200);
      assert.match(await icapOptions(ports.icap), /^ICAP\/1\.0 200/);
      const metricsUrl = /metrics at (http:\/\/127\.0\.0\.1:\d+\/metrics)/.exec(out.stderr)?.[1];
      assert.ok(metricsUrl, 'serve --metrics names its endpoint');
      assert.match(await (await fetch(metricsUrl)).text(), /^mamori_icap_connections \d+$/m);
      child.kill('SIGTERM');
      assert.equal(await exited, 0);
      assert.match(out.stderr, /"msg":"stopped"/);
      assert.ok(!out.stderr.includes(password), 'the password reached the log');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('applies a policy saved in the console to ICAP without a restart, on the event loop and the workers', { timeout: 90_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mamori-serve-policy-'));
    const configPath = join(dir, 'mamori.yaml');
    // Small bodies on the event loop, large ones on the two workers: the new policy must reach both.
    writeFileSync(configPath, 'icap:\n  registryRefreshMs: 200\n  inspectWorkers: 2\n  inspectInlineBelowBytes: 65536\n');
    const { child, out, exited, ports } = await startServe(dir, { MAMORI_CONFIG: configPath, MAMORI_ADMIN_PASSWORD: 'a long enough admin password' });
    try {
      const login = await fetch(`${ports.http}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: 'a long enough admin password' }) });
      assert.equal(login.status, 200);
      const cookie = login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
      const { csrfToken } = (await login.json()) as { csrfToken: string };
      const c = await IcapClient.connect(ports.icap);
      const upload = async (bytes: number) => {
        const a = await c.reqmod({ url: 'http://upload.example.jp/x', body: Buffer.from(harmlessText().repeat(Math.ceil(bytes / harmlessText().length))), allow204: true, httpHeaders: [['Content-Type', 'text/plain']] });
        return a.status === 204 ? 'allow' : /403 Forbidden/.test(a.httpHead ?? '') ? 'block' : `status ${a.status}`;
      };
      try {
        assert.deepEqual([await upload(1000), await upload(200_000)], ['allow', 'allow']);
        const saved = await fetch(`${ports.http}/api/v1/policies`, {
          method: 'PUT',
          headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
          body: JSON.stringify({ yaml: 'policy:\n  rules:\n    - id: no-uploads\n      action: block\n', comment: 'incident response: stop every upload', baseVersion: 0 }),
        });
        assert.equal(saved.status, 201, await saved.text());
        let outcome: string[] = [];
        for (let i = 0; i < 100; i++) {
          outcome = [await upload(1000), await upload(200_000)];
          if (outcome.every((o) => o === 'block')) break;
          await new Promise((r) => setTimeout(r, 100));
        }
        assert.deepEqual(outcome, ['block', 'block'], 'the saved policy applies on the event loop and on the workers');
        assert.match(out.stderr, /policy version 1 applies now/);
      } finally {
        c.close();
      }
      child.kill('SIGTERM');
      assert.equal(await exited, 0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
