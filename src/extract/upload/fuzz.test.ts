import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { brotliCompressSync, deflateRawSync, gzipSync } from 'node:zlib';
import { splitUpload } from './index.js';

const limits = { maxExpandedBytes: 8 << 20, maxRatio: 200, maxEntries: 200, maxDepth: 8 };

/** Deterministic pseudo-random numbers, so a failure can be replayed. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

const seeds: [string, Buffer][] = [
  ['multipart/form-data; boundary=zz', Buffer.from('--zz\r\nContent-Disposition: form-data; name="a"; filename*=UTF-8\'\'%E5%A0%B1.txt\r\nContent-Type: multipart/mixed; boundary=yy\r\n\r\n--yy\r\nContent-Disposition: file; filename="x"\r\nContent-Transfer-Encoding: base64\r\n\r\n5pel5pys\r\n--yy--\r\n--zz\r\nContent-Disposition: form-data; name="b"\r\n\r\ndata:text/plain;base64,5pel5pys\r\n--zz--\r\n')],
  ['application/x-www-form-urlencoded', Buffer.from('a=%E6%97%A5+b&_charset_=shift_jis&c=%%zz&d=' + 'QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNkZWZnaGlqa2xtbm9wcXJzdHV2d3h5ejAxMjM0NTY3ODk=')],
  ['application/json', Buffer.from('{"a":[1,"x",{"b":"data:,%E6%97%A5"}],"c":"QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNkZWZnaGlqa2xtbm9wcXJzdHV2d3h5ejAxMjM0NTY3ODk="}')],
];

describe('upload splitting under random damage', () => {
  it('never throws and stays within its limits on 600 mutated bodies and encodings', async () => {
    const next = rng(20261126);
    for (let round = 0; round < 600; round++) {
      const [contentType, seed] = seeds[round % seeds.length]!;
      const body = Buffer.from(seed);
      const edits = 1 + Math.floor(next() * 8);
      for (let e = 0; e < edits; e++) body[Math.floor(next() * body.length)] = Math.floor(next() * 256);
      const cut = next() < 0.3 ? body.subarray(0, Math.floor(next() * body.length)) : body;
      const coding = ['', 'gzip', 'deflate', 'br', 'gzip, br'][round % 5]!;
      let encoded: Buffer = cut;
      if (coding === 'gzip') encoded = gzipSync(cut);
      else if (coding === 'deflate') encoded = deflateRawSync(cut);
      else if (coding === 'br') encoded = brotliCompressSync(cut);
      else if (coding === 'gzip, br') encoded = brotliCompressSync(gzipSync(cut));
      if (coding && next() < 0.3) encoded = encoded.subarray(0, Math.floor(encoded.length * next()));
      const split = await splitUpload(encoded, { contentType, contentEncoding: coding, limits });
      assert.ok(split.items.length <= limits.maxEntries + 1, `round ${round}`);
      for (const item of split.items) assert.ok(item.bytes.length <= limits.maxExpandedBytes, `round ${round}`);
      for (const err of split.errors) assert.match(err.code, /^ERR_[A-Z]+$/, `round ${round}`);
    }
  });
});
