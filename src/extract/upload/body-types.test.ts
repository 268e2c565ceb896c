import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import Encoding from 'encoding-japanese';
import { splitUpload } from './index.js';

const limits = { maxExpandedBytes: 64 << 20, maxRatio: 200, maxEntries: 1000, maxDepth: 8 };
const text = (b: Uint8Array) => Buffer.from(b).toString('utf8');
const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.from(Array.from({ length: 2000 }, (_, i) => (i * 37) % 256)), Buffer.from('\n%%EOF')]);

describe('urlencoded uploads', () => {
  it('decodes values, + as space, tolerates bad % escapes and fields without =', async () => {
    const body = Buffer.from('name=%E7%94%B0%E4%B8%AD+%E5%A4%AA%E9%83%8E&note=100%+sure%zz&flag&empty=&a%2Bb=c%2Bd');
    const split = await splitUpload(body, { contentType: 'application/x-www-form-urlencoded', limits });
    assert.deepEqual(split.items.map((i) => [i.path, text(i.bytes)]), [
      ['upload/form/name', '田中 太郎'],
      ['upload/form/note', '100% sure%zz'],
      ['upload/form/body', 'flag'],
      ['upload/form/a+b', 'c+d'],
    ]);
    assert.deepEqual(split.errors, []);
  });

  it('reads a raw file sent as a form (curl --data-binary) and long field names as content', async () => {
    const raw = Buffer.from('機密性２\n個人番号 5260 1815 9084\n');
    const split = await splitUpload(raw, { contentType: 'application/x-www-form-urlencoded', limits });
    assert.deepEqual(split.items.map((i) => [i.path, text(i.bytes)]), [['upload/form/body', '機密性２\n個人番号 5260 1815 9084\n']]);
    const longName = `${'x'.repeat(70)}=1`;
    const named = await splitUpload(Buffer.from(longName), { contentType: 'application/x-www-form-urlencoded', limits });
    assert.deepEqual(named.items.map((i) => i.path).slice(0, 1), ['upload/form/name']);
    assert.equal(text(named.items[0]!.bytes), 'x'.repeat(70));
  });

  it('reads Shift_JIS percent-encoding with the declared charset or the _charset_ field', async () => {
    const sjis = Buffer.from(Encoding.convert(Encoding.stringToCode('住所=東京都千代田区'), { to: 'SJIS', from: 'UNICODE' }));
    const encoded = [...sjis].map((b) => (b === 0x3d ? '=' : `%${b.toString(16).toUpperCase().padStart(2, '0')}`)).join('');
    for (const [body, contentType] of [
      [encoded, 'application/x-www-form-urlencoded; charset=Shift_JIS'],
      [`_charset_=shift_jis&${encoded}`, 'application/x-www-form-urlencoded'],
    ] as const) {
      const split = await splitUpload(Buffer.from(body), { contentType, limits });
      const item = split.items.find((i) => i.path === 'upload/form/住所');
      assert.ok(item, JSON.stringify(split.items.map((i) => i.path)));
      assert.equal(new TextDecoder('shift_jis').decode(item.bytes), '東京都千代田区');
      assert.match(item.mediaType ?? '', /charset=shift_jis/i);
    }
  });

  it('takes data: URLs and base64 payloads out of field values', async () => {
    const body = `photo=${encodeURIComponent(`data:application/pdf;base64,${pdf.toString('base64')}`)}&blob=${encodeURIComponent(pdf.toString('base64'))}`;
    const split = await splitUpload(Buffer.from(body), { contentType: 'application/x-www-form-urlencoded', limits });
    const byPath = new Map(split.items.map((i) => [i.path, i]));
    assert.deepEqual(byPath.get('upload/form/photo/data-url')?.bytes, pdf);
    assert.equal(byPath.get('upload/form/photo/data-url')?.mediaType, 'application/pdf');
    assert.deepEqual(byPath.get('upload/form/blob/base64')?.bytes, pdf);
  });

  it('caps a million fields', async () => {
    const split = await splitUpload(Buffer.from('a=1&'.repeat(1_000_000)), { contentType: 'application/x-www-form-urlencoded', limits });
    assert.equal(split.items.length, 1000);
    assert.equal(split.unscannable, true);
  });
});

describe('JSON uploads', () => {
  const doc = {
    title: '予算案',
    count: 123456789012,
    hex: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    word: 'Supercalifragilisticexpialidociouswithoutdigitsorsymbols',
    short: Buffer.from('tiny').toString('base64'),
    attachments: [{ filename: '報告.pdf', data: pdf.toString('base64') }, { 'content bytes': `data:text/csv,${encodeURIComponent('氏名,番号\n田中,1')}` }],
  };

  it('collects every string and number, and decodes base64 (≥ 32 bytes) and data: URLs named by JSONPath', async () => {
    const split = await splitUpload(Buffer.from(JSON.stringify(doc)), { contentType: 'application/json; charset=utf-8', limits });
    assert.deepEqual(split.items.map((i) => [i.path, i.name ?? null, i.mediaType ?? null]), [
      ['upload/json/$.attachments[0].data', '報告.pdf', null],
      ["upload/json/$.attachments[1]['content bytes']", null, 'text/csv'],
      ['upload/json', null, 'text/plain; charset=utf-8'],
    ]);
    assert.deepEqual(split.items[0]!.bytes, pdf);
    assert.equal(text(split.items[1]!.bytes), '氏名,番号\n田中,1');
    const lines = text(split.items[2]!.bytes).split('\n');
    assert.ok(lines.includes('title: 予算案') && lines.includes('count: 123456789012') && lines.includes(`short: ${doc.short}`));
    assert.ok(lines.includes(`hex: ${doc.hex}`) && lines.includes(`word: ${doc.word}`), 'hex digests and words are text, not payloads');
    assert.ok(!lines.some((l) => l.startsWith('data: ')), 'a long payload is not repeated in the text');
  });

  it('caps payload items but keeps the text read before the cap', async () => {
    const payload = pdf.subarray(0, 48).toString('base64');
    const body = JSON.stringify({ note: '部外秘', list: Array.from({ length: 5000 }, () => payload) });
    const split = await splitUpload(Buffer.from(body), { contentType: 'application/json', limits });
    assert.equal(split.items.length, 1001);
    assert.equal(split.items.at(-1)!.path, 'upload/json');
    assert.ok(text(split.items.at(-1)!.bytes).startsWith('note: 部外秘'));
    assert.equal(split.unscannable, true);
  });

  it('keeps object keys, and decodes JSON in a declared Shift_JIS charset', async () => {
    const json = '{"職員":{"山田太郎":{"番号":"5260 1815 9084"}}}';
    const sjis = Buffer.from(Encoding.convert(Encoding.stringToCode(json), { to: 'SJIS', from: 'UNICODE' }));
    const split = await splitUpload(sjis, { contentType: 'application/json; charset=Shift_JIS', limits });
    assert.equal(text(split.items[0]!.bytes), '職員:\n山田太郎:\n番号: 5260 1815 9084');
  });

  it('sniffs JSON sent as text/plain and reads JSON lines', async () => {
    const split = await splitUpload(Buffer.from('{"a":"x"}\n{"b":"\\u65e5\\u672c"}\n'), { contentType: 'text/plain', limits });
    assert.equal(text(split.items[0]!.bytes), 'a: x\nb: 日本');
  });

  it('invalid JSON declared as JSON is inspected as sent, with a note', async () => {
    const split = await splitUpload(Buffer.from('{"a": "unterminated'), { contentType: 'application/json', limits });
    assert.deepEqual(split.items.map((i) => i.path), ['upload/body']);
    assert.equal(split.errors[0]!.code, 'ERR_PARSE');
  });

  it('walks a million-deep document without recursion and marks what lies past the depth limit', async () => {
    const deep = `${'['.repeat(1_000_000)}"hidden"${']'.repeat(1_000_000)}`;
    const split = await splitUpload(Buffer.from(`{"top":"visible","deep":${deep}}`), { contentType: 'application/json', limits });
    assert.equal(text(split.items[0]!.bytes), 'top: visible\ndeep:');
    assert.equal(split.unscannable, true);
    assert.match(split.unscannableReasons[0]!, /deeper than 64/);
  });
});

describe('raw uploads', () => {
  it('is one item carrying the declared type and name', async () => {
    const split = await splitUpload(pdf, { contentType: 'application/pdf', name: '予算.pdf', limits });
    assert.deepEqual(split.items, [{ path: 'upload/body', name: '予算.pdf', mediaType: 'application/pdf', bytes: pdf }]);
    assert.equal(split.decodedBytes, pdf.length);
  });

  it('an empty body has no items and no errors', async () => {
    const split = await splitUpload(new Uint8Array(0), { contentType: 'application/octet-stream', limits });
    assert.deepEqual([split.items, split.errors, split.unscannable], [[], [], false]);
  });
});
