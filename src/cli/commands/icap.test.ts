import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { MamoriEvent } from '../../core/index.js';
import { IcapClient } from '../../icap/test-support/client.js';
import { harmlessText, sensitiveText } from '../../icap/test-support/samples.js';
import { freePort } from '../../icap/test-support/services.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const dataDir = mkdtempSync(join(tmpdir(), 'mamori-icap-cli-'));
const mamori = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', '--data-dir', dataDir, ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, MAMORI_CONFIG: '' } });

/** `mamori icap` on `port` with its data in `dir`; resolves once it listens. `out.logs` accumulates its output. */
async function startIcap(dir: string, port: number, ...extra: string[]) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', '--data-dir', dir, 'icap', '--listen', `127.0.0.1:${port}`, ...extra], {
    cwd: root,
    env: { ...process.env, MAMORI_CONFIG: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const out = { logs: '' };
  child.stdout.on('data', (c: Buffer) => (out.logs += c.toString()));
  child.stderr.on('data', (c: Buffer) => (out.logs += c.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  for (let i = 0; i < 300 && !out.logs.includes('listening on icap://'); i++) await new Promise((r) => setTimeout(r, 100));
  assert.match(out.logs, /listening on icap:\/\/127\.0\.0\.1:\d+\/reqmod/);
  return { child, out, exited };
}

/** The value of one series in Prometheus text format (`name{labels} value`), or undefined. */
function series(text: string, name: string, labels = ''): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(labels ? `${name}{${labels}} ` : `${name} `));
  return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(' ') + 1));
}

describe('mamori icap and mamori events', () => {
  after(() => rmSync(dataDir, { recursive: true, force: true }));

  it('serves, records, finishes an in-flight upload on SIGTERM, and lists the events', async () => {
    const port = await freePort();
    const { child, out, exited } = await startIcap(dataDir, port);

    const c = await IcapClient.connect(port);
    const who: [string, string][] = [['X-Client-IP', '10.20.30.40'], ['X-Client-Username', 'yamada']];
    assert.equal((await c.reqmod({ url: 'http://upload.example.jp/a?token=s3cr3t', body: Buffer.from(harmlessText()), allow204: true, icapHeaders: who })).status, 204);
    const blocked = await c.reqmod({ url: 'http://upload.example.jp/b', body: Buffer.from(sensitiveText()), allow204: true, icapHeaders: who, httpHeaders: [['Content-Type', 'text/plain']] });
    assert.match(blocked.httpHead ?? '', /403 Forbidden/);

    // An upload in flight when SIGTERM arrives is still answered, then the server stops.
    const body = Buffer.from(harmlessText().repeat(50));
    const http = 'POST http://upload.example.jp/c HTTP/1.1\r\nHost: x\r\n\r\n';
    c.write(
      `REQMOD icap://127.0.0.1:${port}/reqmod ICAP/1.0\r\nHost: x\r\nPreview: 0\r\nAllow: 204\r\nX-Client-IP: 10.20.30.41\r\nEncapsulated: req-hdr=0, req-body=${http.length}\r\n\r\n${http}0\r\n\r\n`,
    );
    assert.equal((await c.answer()).status, 100);
    child.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 300));
    c.write(Buffer.concat([Buffer.from(`${body.byteLength.toString(16)}\r\n`), body, Buffer.from('\r\n0\r\n\r\n')]));
    const last = await c.answer();
    assert.equal(last.status, 204);
    assert.equal(last.headers.get('connection'), 'close');
    assert.equal(await exited, 0);
    assert.match(out.logs, /shutting down/);
    assert.doesNotMatch(out.logs, /s3cr3t|個人番号|機密性/, 'logs carry neither URLs with secrets nor content');

    const json = mamori('events', '--format', 'json');
    assert.equal(json.status, 0, json.stderr);
    const events = JSON.parse(json.stdout) as MamoriEvent[];
    assert.equal(events.length, 3);
    assert.equal(events[0]!.clientIp, '10.20.30.41', 'newest first');
    const block = events.find((e) => e.action === 'block')!;
    assert.equal(block.user, 'yamada');
    assert.equal(block.destHost, 'upload.example.jp');
    assert.equal(block.label, 'c2');
    assert.ok(block.findings.length > 0);
    for (const key of ['action', 'rule', 'clientIp', 'user', 'url', 'destHost', 'label', 'matches', 'findings']) assert.ok(key in block, key);

    const blocks = JSON.parse(mamori('events', '--action', 'block', '--format', 'json').stdout) as MamoriEvent[];
    assert.deepEqual(blocks.map((e) => e.id), [block.id]);
    assert.equal((JSON.parse(mamori('events', '--client', '10.20.30.40', '--since', '1h', '--format', 'json').stdout) as unknown[]).length, 2);
    assert.equal((JSON.parse(mamori('events', '--since', '2999-01-01T00:00:00Z', '--format', 'json').stdout) as unknown[]).length, 0);
    const table = mamori('events');
    assert.match(table.stdout, /^TIME\s+ACTION\s+RULE\s+CLIENT\s+USER\s+LABEL/);
    assert.match(table.stdout, /block\s+\S+\s+10\.20\.30\.40\s+yamada\s+c2/);
    const bad = mamori('events', '--action', 'deny');
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /^mamori: ERR_USAGE: --action must be one of allow\|alert\|block\n$/);
  });

  it('serves Prometheus metrics of decisions, stages and refusals, and nothing of the uploads themselves', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mamori-icap-metrics-'));
    const [port, metricsPort] = [await freePort(), await freePort()];
    const { child, out, exited } = await startIcap(dir, port, '--metrics', `127.0.0.1:${metricsPort}`);
    try {
      assert.match(out.logs, new RegExp(`metrics at http://127\\.0\\.0\\.1:${metricsPort}/metrics`));
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
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
