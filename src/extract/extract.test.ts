import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import Encoding from 'encoding-japanese';
import type { Handler } from './index.js';
import { htmlToText, sniff } from './index.js';
import { makeDocx, wp } from './test-support/office.js';
import { codes, run, textAt } from './test-support/run.js';
import { makeZip, zerosDeflated } from './test-support/zip-writer.js';

const sjis = (s: string): Uint8Array => new Uint8Array(Encoding.convert(Encoding.stringToCode(s), { to: 'SJIS', from: 'UNICODE' }));

describe('sniff', () => {
  it('trusts magic bytes over names and declared types', () => {
    assert.equal(sniff(makeZip([{ name: 'a', data: 'b' }]), { name: 'a.pdf', mediaType: 'application/pdf' }).kind, 'zip');
    assert.equal(sniff(Buffer.from('%PDF-1.7\n...'), { name: 'a.txt' }).kind, 'pdf');
    assert.equal(sniff(Buffer.from([0x1f, 0x8b, 8, 0])).kind, 'gzip');
    assert.equal(sniff(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])).kind, 'ole');
    assert.equal(sniff(Buffer.from('Rar!\x1a\x07\x01\x00', 'latin1')).kind, 'unsupported-archive');
    assert.equal(sniff(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a])).kind, 'media');
    assert.equal(sniff(Buffer.from([0, 1, 2, 3, 0, 0, 7, 8, 9, 0xff])).kind, 'binary');
  });

  it('finds a PDF header after up to 1024 bytes of leading junk, not later, and a signature cut short is no signature', () => {
    const junk = (n: number) => Buffer.concat([Buffer.alloc(n, 0x20), Buffer.from('%PDF-1.4\n1 0 obj\n')]);
    assert.equal(sniff(junk(1024)).kind, 'pdf');
    assert.equal(sniff(junk(1024).subarray(0, 1024 + 5)).kind, 'pdf');
    assert.equal(sniff(junk(1025)).kind, 'text');
    assert.equal(sniff(Buffer.from('%PDF')).kind, 'text');
    assert.equal(sniff(Buffer.from([0x1f])).kind, 'binary');
  });

  it('tells mail, HTML, CSV and plain text apart', () => {
    assert.equal(sniff(Buffer.from('Return-Path: <a@b>\r\nFrom: a@b\r\nTo: c@d\r\n\r\nhi')).kind, 'eml');
    assert.equal(sniff(Buffer.from('<!DOCTYPE html><html><body>x</body></html>')).kind, 'html');
    assert.equal(sniff(Buffer.from('<p>x</p>'), { mediaType: 'text/html; charset=utf-8' }).kind, 'html');
    assert.deepEqual(sniff(Buffer.from('a,b\n1,2\n'), { name: 'x.csv' }), { kind: 'text', mediaType: 'text/csv' });
    assert.deepEqual(sniff(Buffer.from('Subject to change.\nNothing else.')), { kind: 'text', mediaType: 'text/plain' });
    assert.equal(sniff(Buffer.from('secret data\n', 'utf16le')).kind, 'text');
  });
});

describe('html', () => {
  it('keeps visible text, drops tags, script and style, decodes entities', () => {
    const html = '<html><head><title>報告書</title><style>p{color:red}</style></head><body><h1>極秘</h1><p>A&amp;B &lt;x&gt; &#x79D8;&#31192;</p><script>var s="no";</script><table><tr><td>氏名</td><td>山田</td></tr></table></body></html>';
    assert.equal(htmlToText(html), '報告書\n極秘\nA&B <x> 秘秘\n\t氏名\t山田');
  });

  it('decodes Shift_JIS HTML', async () => {
    const x = await run(sjis('<html><body><p>関係者限り</p></body></html>'), 'page.html');
    assert.equal(textAt(x, 'page.html'), '関係者限り');
    assert.equal(x.parts[0]?.mediaType, 'text/html');
  });
});

describe('extract', () => {
  it('reads plain text and CSV in Japanese encodings', async () => {
    assert.equal(textAt(await run(sjis('氏名,個人番号\n山田,123456789018\n'), '名簿.csv'), '名簿.csv'), '氏名,個人番号\n山田,123456789018\n');
    const x = await run(new TextEncoder().encode('plain'), 'a.txt');
    assert.deepEqual(x.parts, [{ path: 'a.txt', kind: 'body', mediaType: 'text/plain', text: 'plain' }]);
    assert.equal(x.bytes, 5);
  });

  it('extracts printable strings of unknown binaries and skips media', async () => {
    const bin = Buffer.concat([Buffer.from([0, 1, 2, 0xff, 0]), Buffer.from('AKIAIOSFODNN7EXAMPLE'), Buffer.from([0, 0, 9]), Buffer.from('社外秘 v2', 'utf16le'), Buffer.from([0xff, 0xfe, 0])]);
    const x = await run(bin, 'blob.bin');
    assert.match(textAt(x, 'blob.bin') ?? '', /AKIAIOSFODNN7EXAMPLE/);
    assert.match(textAt(x, 'blob.bin') ?? '', /社外秘 v2/);
    const png = await run(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]), 'a.png');
    assert.deepEqual([png.parts, png.errors, png.unscannable], [[], [], false]);
  });

  it('marks archives it cannot read as unscannable', async () => {
    const x = await run(Buffer.from('7z\xbc\xaf\x27\x1c\x00\x04', 'latin1'), 'a.7z');
    assert.deepEqual(codes(x), ['ERR_UNSUPPORTED']);
    assert.equal(x.unscannable, true);
  });

  it('refuses inputs over maxInputBytes', async () => {
    const x = await run(Buffer.alloc(2048, 0x61), 'big.txt', { maxInputBytes: 1024 });
    assert.deepEqual(codes(x), ['ERR_LIMIT']);
    assert.deepEqual(x.parts, []);
    assert.equal(x.bytes, 2048);
  });

  it('cuts text past maxTextChars and says so', async () => {
    const x = await run(makeZip([{ name: 'a.txt', data: 'a'.repeat(600) }, { name: 'b.txt', data: 'b'.repeat(600) }]), 'z.zip', { maxTextChars: 1000 });
    assert.deepEqual(x.parts.map((p) => p.text.length), [600, 400]);
    assert.deepEqual(codes(x), ['ERR_LIMIT']);
    assert.equal(x.unscannable, true);
  });

  it('reads a huge single line', async () => {
    const line = 'x'.repeat(20 * 1024 * 1024);
    const x = await run(Buffer.from(`${line}SECRET`), 'one-line.txt');
    assert.equal(x.parts[0]?.text.length, line.length + 6);
  });

  it('stops at the wall-clock budget and returns what it has', async () => {
    let layer = makeZip([{ name: 'zeros.bin', deflated: zerosDeflated(16), declaredSize: 16 * 1024 * 1024 }]);
    for (let i = 0; i < 4; i++) layer = makeZip(Array.from({ length: 16 }, (_, j) => ({ name: `${i}-${j}.zip`, data: layer })));
    const started = Date.now();
    const x = await run(layer, 'slow.zip', { timeoutMs: 300, maxRatio: 1e6, maxExpandedBytes: 2 ** 52 });
    assert.ok(codes(x).includes('ERR_TIMEOUT'), codes(x).join());
    assert.ok(Date.now() - started < 5000, `returned after ${Date.now() - started} ms`);
  });

  it('routes declared media types to extra handlers', async () => {
    const form: Handler = async (node) => {
      for (const [i, chunk] of new TextDecoder().decode(node.bytes).split('&').entries()) await node.nested(Buffer.from(chunk), `field-${i}`);
    };
    const x = await run(Buffer.from('a=1&b=2'), 'body', {}, { mediaType: 'application/x-www-form-urlencoded', handlers: { 'application/x-www-form-urlencoded': form } });
    assert.deepEqual(x.parts.map((p) => [p.path, p.text]), [['body/field-0', 'a=1'], ['body/field-1', 'b=2']]);
  });

  it('reads a docx in a zip in a gzip under the given name', async () => {
    const zip = makeZip([{ name: '2024/予算.docx', data: makeDocx({ body: wp('機密性３') }) }]);
    const x = await run(zip, 'report.zip');
    assert.equal(x.parts[0]?.path, 'report.zip/2024/予算.docx/word/document.xml');
  });
});

describe('appended archives', () => {
  it('reads a zip appended to an image', async () => {
    const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0, 1, 0xff, 0xd9]);
    const zip = makeZip([{ name: '名簿.docx', data: makeDocx({ body: wp('個人情報 取扱注意') }) }]);
    const x = await run(Buffer.concat([jpeg, zip]), 'cat.jpg');
    assert.equal(textAt(x, 'cat.jpg/appended.zip/名簿.docx/word/document.xml'), '個人情報 取扱注意');
    assert.deepEqual(x.errors, []);
  });

  it('leaves binaries that merely contain an end-of-directory signature alone', async () => {
    const x = await run(Buffer.concat([Buffer.from([0, 1, 2, 3]), Buffer.from('PK\x05\x06', 'latin1'), Buffer.alloc(18)]), 'odd.bin');
    assert.deepEqual([x.parts, x.errors], [[], []]);
  });
});
