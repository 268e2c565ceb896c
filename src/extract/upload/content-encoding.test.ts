import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { brotliCompressSync, deflateRawSync, deflateSync, gzipSync } from 'node:zlib';
import { splitUpload } from './index.js';

const limits = { maxExpandedBytes: 64 << 20, maxRatio: 200, maxEntries: 1000, maxDepth: 8 };
const form = Buffer.from('comment=%E6%A9%9F%E5%AF%86&id=42');
const fields = async (body: Uint8Array, contentEncoding: string) => {
  const split = await splitUpload(body, { contentType: 'application/x-www-form-urlencoded', contentEncoding, limits });
  return { split, values: split.items.map((i) => `${i.path}=${Buffer.from(i.bytes).toString()}`) };
};
const expected = ['upload/form/comment=機密', 'upload/form/id=42'];

describe('Content-Encoding', () => {
  it('undoes gzip, zlib-wrapped deflate, raw deflate, br and identity', async () => {
    for (const [coding, body] of [['gzip', gzipSync(form)], ['x-gzip', gzipSync(form)], ['deflate', deflateSync(form)], ['deflate', deflateRawSync(form)], ['br', brotliCompressSync(form)], ['identity', form]] as const) {
      const { split, values } = await fields(body, coding);
      assert.deepEqual(values, expected, coding);
      assert.deepEqual(split.errors, [], coding);
    }
  });

  it('undoes stacked encodings in reverse order of application', async () => {
    const { values, split } = await fields(brotliCompressSync(gzipSync(form)), 'gzip, br');
    assert.deepEqual(values, expected);
    assert.equal(split.decodedBytes, form.length);
  });

  it('stops a gzip bomb at the ratio limit without inflating it, as ERR_LIMIT and unscannable', async () => {
    const bomb = gzipSync(Buffer.alloc(200 << 20)); // ~200 KB that inflates to 200 MiB
    const t0 = performance.now();
    const { split } = await fields(bomb, 'gzip');
    assert.ok(performance.now() - t0 < 10_000);
    assert.deepEqual(split.items, []);
    assert.equal(split.unscannable, true);
    assert.equal(split.errors[0]!.code, 'ERR_LIMIT');
    assert.match(split.errors[0]!.message, /expands past \d+ bytes/);
  });

  it('honours the absolute cap even under the ratio', async () => {
    const body = gzipSync(Buffer.alloc(3 << 20, 0x61));
    const split = await splitUpload(body, { contentType: 'text/plain', contentEncoding: 'gzip', limits, maxDecodedBytes: 1 << 20 });
    assert.equal(split.errors[0]!.code, 'ERR_LIMIT');
  });

  it('salvages a truncated gzip body and marks the rest uninspected', async () => {
    const gz = gzipSync(Buffer.from('個人番号 1234 5678 9018 '.repeat(2000)));
    const split = await splitUpload(gz.subarray(0, gz.length - 30), { contentType: 'text/plain', contentEncoding: 'gzip', limits });
    assert.equal(split.items.length, 1);
    assert.ok(Buffer.from(split.items[0]!.bytes).toString().startsWith('個人番号 1234 5678 9018 '));
    assert.equal(split.unscannable, true);
    assert.match(split.errors[0]!.message, /damaged/);
  });

  it('inspects a body mislabelled as gzip as sent, and refuses unknown or absurd stacks', async () => {
    const mislabelled = await fields(form, 'gzip');
    assert.deepEqual(mislabelled.values, expected);
    assert.equal(mislabelled.split.unscannable, false);
    const unknown = await fields(form, 'compress');
    assert.equal(unknown.split.errors[0]!.code, 'ERR_UNSUPPORTED');
    assert.equal(unknown.split.unscannable, true);
    const stacked = await fields(form, 'gzip, gzip, gzip, gzip, gzip');
    assert.equal(stacked.split.errors[0]!.code, 'ERR_LIMIT');
  });

  it('undecodable brotli goes on as sent and is marked unscannable', async () => {
    const { split } = await fields(Buffer.from([0xff, 0xff, 0xff, 0xff, 0x00]), 'br');
    assert.equal(split.unscannable, true);
    assert.equal(split.errors[0]!.code, 'ERR_PARSE');
  });
});
