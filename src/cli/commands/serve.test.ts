import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';

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

describe('mamori serve', () => {
  it('creates the first admin once, serves console, API and ICAP, and stops cleanly on SIGTERM', { timeout: 60_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mamori-serve-'));
    try {
      const child = spawn(process.execPath, ['--import', 'tsx', MAIN, '--data-dir', dir, 'serve', '--listen', '127.0.0.1:0', '--icap', '127.0.0.1:0'], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, MAMORI_ADMIN_PASSWORD: '' } });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
      const ports = await new Promise<{ http: string; icap: number }>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`serve did not start: ${stderr}`)), 45_000);
        child.stderr.on('data', (d: Buffer) => {
          stderr += d.toString();
          const http = /"url":"(http:\/\/[^"]+)"/.exec(stderr)?.[1];
          const icap = /ICAP listening on icap:\/\/[^:]+:(\d+)/.exec(stderr)?.[1];
          if (http && icap) {
            clearTimeout(timer);
            resolve({ http, icap: Number(icap) });
          }
        });
      });
      const password = /one-time password:\n\s+(\S+)/.exec(stdout)?.[1];
      assert.ok(password, `no one-time password printed: ${stdout}`);
      assert.equal((await fetch(`${ports.http}/readyz`)).status, 200);
      const login = await fetch(`${ports.http}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password }) });
      assert.equal(login.status, 200);
      assert.match(await icapOptions(ports.icap), /^ICAP\/1\.0 200/);
      child.kill('SIGTERM');
      assert.equal(await exited, 0);
      assert.match(stderr, /"msg":"stopped"/);
      assert.ok(!stderr.includes(password), 'the password reached the log');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
