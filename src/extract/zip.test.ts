import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import Encoding from 'encoding-japanese';
import { makeDocx, wp } from './test-support/office.js';
import { codes, run, textAt } from './test-support/run.js';
import { makeZip, zerosDeflated } from './test-support/zip-writer.js';

const MiB = 1024 * 1024;

describe('zip', () => {
  it('names parts by container path through nested archives', async () => {
    const inner = makeZip([{ name: '2024/予算.docx', data: makeDocx({ body: wp('機密性２') }) }, { name: 'memo.txt', data: '社外秘メモ' }]);
    const x = await run(makeZip([{ name: 'inner.zip', data: inner, method: 0 }]), 'report.zip');
    assert.equal(textAt(x, 'report.zip/inner.zip/2024/予算.docx/word/document.xml'), '機密性２');
    assert.equal(textAt(x, 'report.zip/inner.zip/memo.txt'), '社外秘メモ');
    assert.equal(x.unscannable, false);
  });

  it('decodes Shift_JIS member names written without the UTF-8 flag', async () => {
    const sjis = new Uint8Array(Encoding.convert(Encoding.stringToCode('機密資料.txt'), { to: 'SJIS', from: 'UNICODE' }));
    const x = await run(makeZip([{ name: '', nameBytes: sjis, data: 'x' }]), 'a.zip');
    assert.deepEqual(x.parts.map((p) => p.path), ['a.zip/機密資料.txt']);
  });

  it('keeps path-traversal names as names and cuts overlong ones', async () => {
    const long = 'd'.repeat(5000);
    const x = await run(makeZip([{ name: '../../etc/passwd', data: 'root:x:0:0' }, { name: `${long}.txt`, data: 'long name' }, { name: 'C:\\win\\x.txt', data: 'win' }]), 'a.zip');
    assert.equal(textAt(x, 'a.zip/../../etc/passwd'), 'root:x:0:0');
    assert.ok(x.parts.some((p) => p.text === 'long name' && p.path.length < 300 && p.path.endsWith('…')));
    assert.equal(textAt(x, 'a.zip/C:/win/x.txt'), 'win');
  });

  it('marks encrypted members unscannable and reads the rest', async () => {
    const x = await run(makeZip([{ name: 'secret.txt', data: 'xxxx', encrypted: true }, { name: 'open.txt', data: 'open' }]), 'e.zip');
    assert.deepEqual(codes(x), ['ERR_ENCRYPTED']);
    assert.equal(x.errors[0]?.path, 'e.zip/secret.txt');
    assert.equal(x.unscannable, true);
    assert.match(x.unscannableReasons[0] ?? '', /ERR_ENCRYPTED e\.zip\/secret\.txt/);
    assert.equal(textAt(x, 'e.zip/open.txt'), 'open');
  });

  it('reports unsupported compression methods', async () => {
    const x = await run(makeZip([{ name: 'a.txt', data: 'abc', method: 14 }]), 'lzma.zip');
    assert.deepEqual(codes(x), ['ERR_UNSUPPORTED']);
  });

  it('reports truncated and corrupt archives without throwing', async () => {
    const good = makeZip([{ name: 'a.txt', data: 'hello '.repeat(1000) }]);
    for (const cut of [10, 100, good.length - 30]) {
      const x = await run(good.subarray(0, cut), 'cut.zip');
      assert.equal(x.unscannable, true, `cut at ${cut}`);
      assert.ok(x.errors.length > 0);
    }
    const corrupt = Buffer.from(good);
    corrupt.fill(0x55, 40, 80);
    const y = await run(corrupt, 'corrupt.zip');
    assert.deepEqual(codes(y), ['ERR_PARSE']);
  });

  it('stops a member that declares 1 KiB and inflates to 10 GiB, counting real output', async () => {
    const bomb = makeZip([{ name: 'zeros.bin', deflated: zerosDeflated(10 * 1024), declaredSize: 1024 }]);
    assert.ok(bomb.length < 12 * MiB);
    const started = Date.now();
    const x = await run(bomb, 'bomb.zip', { maxExpandedBytes: 64 * MiB });
    assert.deepEqual(codes(x), ['ERR_LIMIT']);
    assert.match(x.errors[0]?.message ?? '', /inflates past|expand past/);
    assert.ok(Date.now() - started < 20_000);
  });

  it('refuses a member whose declared size is past the cap without inflating it', async () => {
    const bomb = makeZip([{ name: 'zeros.bin', deflated: zerosDeflated(1024), declaredSize: 0xfffffffe }]);
    const x = await run(bomb, 'bomb.zip');
    assert.deepEqual(codes(x), ['ERR_LIMIT']);
    assert.match(x.errors[0]?.message ?? '', /declares 4294967294 bytes/);
  });

  it('stops at the compression ratio limit', async () => {
    const x = await run(makeZip([{ name: 'z.bin', data: Buffer.alloc(8 * MiB) }]), 'ratio.zip', { maxRatio: 100 });
    assert.deepEqual(codes(x), ['ERR_LIMIT']);
  });

  it('stops a 42.zip-style nested bomb at the total expansion limit', async () => {
    let layer = makeZip([{ name: 'zeros.bin', deflated: zerosDeflated(16), declaredSize: 16 * MiB }]);
    for (let depth = 0; depth < 4; depth++) layer = makeZip(Array.from({ length: 16 }, (_, i) => ({ name: `l${depth}-${i}.zip`, data: layer })));
    const started = Date.now();
    const x = await run(layer, '42.zip', { maxExpandedBytes: 64 * MiB, maxRatio: 5000 });
    assert.equal(x.unscannable, true);
    assert.deepEqual(codes(x), ['ERR_LIMIT']);
    assert.match(x.errors[0]?.message ?? '', /expand past 67108864 bytes in total/);
    assert.ok(Date.now() - started < 20_000);
  });

  it('lists at most 100 errors of a bomb of many small members, then counts the rest', async () => {
    let layer = makeZip([{ name: 'zeros.bin', deflated: zerosDeflated(16), declaredSize: 16 * MiB }]);
    for (let depth = 0; depth < 3; depth++) layer = makeZip(Array.from({ length: 16 }, (_, i) => ({ name: `l${depth}-${i}.zip`, data: layer })));
    const x = await run(layer, '42.zip');
    assert.equal(x.errors.length, 101);
    assert.match(x.errors[100]?.message ?? '', /^3996 more errors were not listed$/);
  });

  it('stops at the nesting depth limit', async () => {
    let layer: Buffer = Buffer.from('deep secret');
    for (let i = 0; i < 12; i++) layer = makeZip([{ name: `d${i}.zip`, data: layer }]);
    const x = await run(layer, 'deep.zip', { maxDepth: 5 });
    assert.deepEqual(codes(x), ['ERR_LIMIT']);
    assert.match(x.errors[0]?.message ?? '', /nested deeper than 5/);
    assert.equal(x.errors[0]?.path.split('/').length, 7);
  });

  it('stops at the entry count limit', async () => {
    const x = await run(makeZip(Array.from({ length: 50 }, (_, i) => ({ name: `f${i}.txt`, data: `file ${i}` }))), 'many.zip', { maxEntries: 10 });
    assert.deepEqual(codes(x), ['ERR_LIMIT']);
    assert.equal(x.parts.length, 10);
  });
});
