import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { splitUpload } from './index.js';

const run = promisify(execFile);
const limits = { maxExpandedBytes: 64 << 20, maxRatio: 200, maxEntries: 1000, maxDepth: 8 };
const hasCurl = await run('curl', ['--version']).then(() => true, () => false);

/** Bodies exactly as curl sends them, captured by an origin on loopback. */
describe('uploads sent by curl', { skip: hasCurl ? false : 'curl is not installed' }, () => {
  const box: { captured?: { headers: IncomingHttpHeaders; body: Buffer } | undefined } = {};
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      box.captured = { headers: req.headers, body: Buffer.concat(chunks) };
      res.end('ok');
    });
  });
  const lastCaptured = () => box.captured;
  let url = '';
  before(async () => {
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/upload`;
  });
  after(() => new Promise<void>((r) => server.close(() => r())));

  const curl = async (...args: string[]) => {
    delete box.captured;
    await run('curl', ['-sS', '--max-time', '10', ...args, url]);
    const captured = lastCaptured();
    assert.ok(captured);
    return splitUpload(captured.body, { contentType: captured.headers['content-type'], contentEncoding: captured.headers['content-encoding'], limits });
  };

  it('curl -F: files and fields', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mamori-upload-'));
    const file = join(dir, '予算.csv');
    writeFileSync(file, '氏名,個人番号\n田中,123456789018\n');
    const split = await curl('-F', `report=@${file};type=text/csv`, '-F', 'comment=送付します', '-F', 'blank=');
    assert.deepEqual(split.errors, []);
    assert.deepEqual(split.items.map((i) => [i.path, i.mediaType ?? null, Buffer.from(i.bytes).toString()]), [
      ['upload/form/report=予算.csv', 'text/csv', '氏名,個人番号\n田中,123456789018\n'],
      ['upload/form/comment', null, '送付します'],
    ]);
  });

  it('curl --data-urlencode and -d with JSON', async () => {
    const form = await curl('--data-urlencode', 'q=機密 資料&more', '-d', 'x=1');
    assert.deepEqual(form.items.map((i) => [i.path, Buffer.from(i.bytes).toString()]), [['upload/form/q', '機密 資料&more'], ['upload/form/x', '1']]);
    const json = await curl('-H', 'Content-Type: application/json', '-d', '{"user":"tanaka","note":"部外秘"}');
    assert.equal(Buffer.from(json.items[0]!.bytes).toString(), 'user: tanaka\nnote: 部外秘');
  });

  it('curl -T streams a raw body (chunked)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mamori-upload-'));
    const file = join(dir, 'raw.bin');
    writeFileSync(file, Buffer.alloc(100_000, 7));
    const split = await curl('-T', file, '-H', 'Transfer-Encoding: chunked', '-H', 'Content-Type: application/octet-stream');
    assert.equal(split.items.length, 1);
    assert.equal(split.items[0]!.bytes.length, 100_000);
  });
});
