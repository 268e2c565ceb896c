import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { IcapClient } from '../../icap/test-support/client.js';
import { harmlessText, sensitiveText } from '../../icap/test-support/samples.js';
import { freePort } from '../../icap/test-support/services.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const dataDir = mkdtempSync(join(tmpdir(), 'mamori-icap-metrics-'));

/** The value of one series in Prometheus text format (`name{labels} value`), or undefined. */
function series(text: string, name: string, labels = ''): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(labels ? `${name}{${labels}} ` : `${name} `));
  return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(' ') + 1));
}

describe('mamori icap --metrics', () => {
  after(() => rmSync(dataDir, { recursive: true, force: true }));

  it('serves Prometheus metrics of decisions, stages and refusals, and nothing of the uploads themselves', async () => {
    const [port, metricsPort] = [await freePort(), await freePort()];
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', '--data-dir', dataDir, 'icap', '--listen', `127.0.0.1:${port}`, '--metrics', `127.0.0.1:${metricsPort}`], {
      cwd: root,
      env: { ...process.env, MAMORI_CONFIG: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let logs = '';
    child.stdout.on('data', (c: Buffer) => (logs += c.toString()));
    child.stderr.on('data', (c: Buffer) => (logs += c.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    try {
      for (let i = 0; i < 300 && !logs.includes('/metrics'); i++) await new Promise((r) => setTimeout(r, 100));
      assert.match(logs, new RegExp(`metrics at http://127\\.0\\.0\\.1:${metricsPort}/metrics`));
      const scrape = async () => {
        const res = await fetch(`http://127.0.0.1:${metricsPort}/metrics`);
        assert.equal(res.status, 200);
        assert.match(res.headers.get('content-type') ?? '', /^text\/plain; version=0\.0\.4/);
        return res.text();
      };
      const before = await scrape();
      assert.equal(series(before, 'mamori_icap_decisions_total', 'action="block",monitored="false",label="c2"'), undefined);

      const c = await IcapClient.connect(port);
      const who: [string, string][] = [['X-Client-IP', '10.20.30.40'], ['X-Client-Username', 'yamada']];
      assert.equal((await c.reqmod({ url: 'http://upload.example.jp/a?token=s3cr3t', body: Buffer.from(harmlessText()), allow204: true, icapHeaders: who })).status, 204);
      const blocked = await c.reqmod({ url: 'http://upload.example.jp/b', body: Buffer.from(sensitiveText()), allow204: true, icapHeaders: who, httpHeaders: [['Content-Type', 'text/plain']] });
      assert.match(blocked.httpHead ?? '', /403 Forbidden/);
      const during = await scrape();
      assert.equal(series(during, 'mamori_icap_connections'), 1, 'the open connection is counted');
      c.close();
      const bad = await IcapClient.connect(port);
      bad.write('NONSENSE\r\n\r\n');
      assert.equal((await bad.answer()).status, 400);
      bad.close();

      const text = await scrape();
      assert.equal(series(text, 'mamori_icap_decisions_total', 'action="block",monitored="false",label="c2"'), 1);
      assert.equal(series(text, 'mamori_icap_decision_duration_seconds_count'), 2);
      assert.equal(series(text, 'mamori_icap_stage_duration_seconds_count', 'stage="commit"'), 2);
      assert.ok((series(text, 'mamori_icap_upload_bytes_total') ?? 0) >= Buffer.byteLength(harmlessText()) + Buffer.byteLength(sensitiveText()));
      assert.equal(series(text, 'mamori_icap_refused_total', 'status="400"'), 1);
      assert.equal(series(text, 'mamori_icap_store_failures_total'), 0);
      assert.ok((series(text, 'mamori_process_cpu_seconds_total') ?? 0) > 0, 'process metrics are there too');
      // Labels are actions and sensitivity labels: no URL, host, address or user reaches a scrape.
      assert.doesNotMatch(text, /s3cr3t|upload\.example|10\.20\.30\.40|yamada/);

      assert.equal((await fetch(`http://127.0.0.1:${metricsPort}/events`)).status, 404);
      assert.equal((await fetch(`http://127.0.0.1:${metricsPort}/metrics`, { method: 'POST' })).status, 405);
    } finally {
      child.kill('SIGTERM');
      assert.equal(await exited, 0);
    }
  });
});
