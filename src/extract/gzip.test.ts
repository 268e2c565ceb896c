import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import { codes, run, textAt } from './test-support/run.js';
import { makeZip, zerosDeflated } from './test-support/zip-writer.js';

const MiB = 1024 * 1024;

/** A gzip member around raw deflate data; the trailer is left zero (a bomb never gets that far). */
function gzipOf(deflated: Uint8Array): Buffer {
  return Buffer.concat([Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3]), deflated, Buffer.alloc(8)]);
}

describe('gzip', () => {
  it('reads gzip files, naming the content from the header or the outer name', async () => {
    const x = await run(gzipSync('社外秘ログ'), 'app.log.gz');
    assert.equal(textAt(x, 'app.log.gz/app.log'), '社外秘ログ');
    const plain = gzipSync('x');
    plain[3] = 0x08;
    const named = Buffer.concat([plain.subarray(0, 10), Buffer.from('orig.txt\0', 'latin1'), plain.subarray(10)]);
    assert.deepEqual((await run(named, 'a.gz')).parts.map((p) => p.path), ['a.gz/orig.txt']);
  });

  it('reads nested gzip → zip → gzip', async () => {
    const zip = makeZip([{ name: 'inner.txt.gz', data: gzipSync('deep 極秘') }]);
    const x = await run(gzipSync(zip), 'bundle.zip.gz');
    assert.equal(textAt(x, 'bundle.zip.gz/bundle.zip/inner.txt.gz/inner.txt'), 'deep 極秘');
  });

  it('stops a gzip bomb at the limit', async () => {
    const bomb = gzipOf(zerosDeflated(2048));
    const started = Date.now();
    const x = await run(bomb, 'bomb.gz', { maxExpandedBytes: 32 * MiB });
    assert.deepEqual(codes(x), ['ERR_LIMIT']);
    assert.ok(Date.now() - started < 10_000);
    const y = await run(bomb, 'bomb.gz', { maxRatio: 10 });
    assert.deepEqual(codes(y), ['ERR_LIMIT']);
    assert.match(y.errors[0]?.message ?? '', /ratio limit 10/);
  });

  it('reports truncated and corrupt gzip', async () => {
    const good = gzipSync(Buffer.from('hello world '.repeat(1000)));
    const x = await run(good.subarray(0, good.length / 2), 'cut.gz');
    assert.deepEqual(codes(x), ['ERR_PARSE']);
    assert.match(x.errors[0]?.message ?? '', /corrupt or truncated/);
    const bad = Buffer.from(good);
    bad.fill(0xff, 12, 40);
    assert.deepEqual(codes(await run(bad, 'bad.gz')), ['ERR_PARSE']);
  });

  it('decodes an HTTP Content-Encoding before extraction', async () => {
    const body = Buffer.from('{"note":"機密性２"}');
    for (const [encoding, data] of [['gzip', gzipSync(body)], ['deflate', deflateSync(body)], ['br', brotliCompressSync(body)]] as const) {
      const x = await run(data, 'upload', {}, { contentEncoding: encoding });
      assert.equal(textAt(x, 'upload'), '{"note":"機密性２"}', encoding);
    }
    const unknown = await run(body, 'upload', {}, { contentEncoding: 'compress' });
    assert.deepEqual(codes(unknown), ['ERR_UNSUPPORTED']);
    assert.equal(textAt(unknown, 'upload'), '{"note":"機密性２"}');
    const corrupt = await run(body, 'upload', {}, { contentEncoding: 'gzip' });
    assert.deepEqual(codes(corrupt), ['ERR_PARSE']);
  });
});
