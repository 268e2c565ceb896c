import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import Encoding from 'encoding-japanese';
import { splitUpload } from './index.js';

const limits = { maxExpandedBytes: 64 << 20, maxRatio: 200, maxEntries: 1000, maxDepth: 8 };
const text = (b: Uint8Array) => Buffer.from(b).toString('utf8');
const crlf = (s: string) => Buffer.from(s.replace(/\n/g, '\r\n'), 'utf8');

describe('multipart/form-data uploads', () => {
  it('reads a browser-encoded form (WHATWG FormData): every field and file, UTF-8 names, escaped quotes', async () => {
    const fd = new FormData();
    fd.append('件名', '予算資料の送付');
    fd.append('attachment', new Blob(['個人番号 1234 5678 9018'], { type: 'text/plain' }), '報告 "書".txt');
    fd.append('attachment', new Blob([new Uint8Array([0x50, 0x4b, 3, 4, 0, 0])], { type: 'application/zip' }), 'a.zip');
    fd.append('empty', new Blob([]), '');
    const res = new Response(fd);
    const split = await splitUpload(new Uint8Array(await res.arrayBuffer()), { contentType: res.headers.get('content-type')!, limits });
    assert.deepEqual(split.errors, []);
    assert.deepEqual(split.items.map((i) => [i.path, i.field, i.name, i.mediaType]), [
      ['upload/form/件名', '件名', undefined, undefined],
      ['upload/form/attachment=報告 "書".txt', 'attachment', '報告 "書".txt', 'text/plain'],
      ['upload/form/attachment=a.zip', 'attachment', 'a.zip', 'application/zip'],
    ]);
    assert.equal(text(split.items[0]!.bytes), '予算資料の送付');
    assert.equal(text(split.items[1]!.bytes), '個人番号 1234 5678 9018');
    assert.deepEqual([...split.items[2]!.bytes], [0x50, 0x4b, 3, 4, 0, 0]);
    assert.equal(split.unscannable, false);
  });

  it('prefers filename* (RFC 5987), takes the basename of Windows paths, and decodes transfer encodings', async () => {
    const body = crlf(`--b1
Content-Disposition: form-data; name="f"; filename="fallback.docx"; filename*=UTF-8''%E5%A0%B1%E5%91%8A.docx

DOCX
--b1
Content-Disposition: form-data; name="g"; filename="C:\\Users\\tanaka\\予算.xlsx"

XLSX
--b1
Content-Disposition: form-data; name="h"
Content-Transfer-Encoding: base64

5pel5pys
--b1
Content-Disposition: form-data; name="q"
Content-Transfer-Encoding: quoted-printable

=E6=97=A5=
=E6=9C=AC
--b1--
`);
    const split = await splitUpload(body, { contentType: 'multipart/form-data; boundary="b1"', limits });
    assert.deepEqual(split.items.map((i) => [i.path, text(i.bytes)]), [
      ['upload/form/f=報告.docx', 'DOCX'],
      ['upload/form/g=予算.xlsx', 'XLSX'],
      ['upload/form/h', '日本'],
      ['upload/form/q', '日本'],
    ]);
  });

  it('splits nested multipart/mixed (RFC 2388 several files in one field)', async () => {
    const body = crlf(`--AaB03x
Content-Disposition: form-data; name="submit-name"

Larry
--AaB03x
Content-Disposition: form-data; name="files"
Content-Type: multipart/mixed; boundary=BbC04y

--BbC04y
Content-Disposition: file; filename="file1.txt"
Content-Type: text/plain

... contents of file1.txt ...
--BbC04y
Content-Disposition: file; filename="file2.gif"
Content-Type: image/gif

GIF89a
--BbC04y--
--AaB03x--
`);
    const split = await splitUpload(body, { contentType: 'multipart/form-data; boundary=AaB03x', limits });
    assert.deepEqual(split.items.map((i) => [i.path, i.name ?? null, text(i.bytes)]), [
      ['upload/form/submit-name', null, 'Larry'],
      ['upload/form/files/files=file1.txt', 'file1.txt', '... contents of file1.txt ...'],
      ['upload/form/files/files=file2.gif', 'file2.gif', 'GIF89a'],
    ]);
  });

  it('tolerates a missing final boundary, bare LF line ends and a missing boundary parameter, noting the damage', async () => {
    const open = Buffer.from('--zz\nContent-Disposition: form-data; name="a"\n\nfirst\n--zz\nContent-Disposition: form-data; name="b"; filename="cut.txt"\n\ntruncated upl', 'utf8');
    const split = await splitUpload(open, { contentType: 'multipart/form-data', limits });
    assert.deepEqual(split.items.map((i) => [i.path, text(i.bytes)]), [['upload/form/a', 'first'], ['upload/form/b=cut.txt', 'truncated upl']]);
    assert.equal(split.errors.length, 1);
    assert.equal(split.errors[0]!.code, 'ERR_PARSE');
    assert.match(split.errors[0]!.message, /without its closing boundary/);
    assert.equal(split.unscannable, false, 'every byte was still handed over');
  });

  it('a boundary that never appears leaves the body as one item', async () => {
    const split = await splitUpload(Buffer.from('just some text'), { contentType: 'multipart/form-data; boundary=nothere', limits });
    assert.deepEqual(split.items.map((i) => [i.path, text(i.bytes)]), [['upload/form', 'just some text']]);
    assert.match(split.errors[0]!.message, /boundary "nothere" not found/);
  });

  it('reads Shift_JIS names with _charset_ or by detection, and hands values over as bytes with their charset', async () => {
    const parts = [
      Buffer.from('--s\r\nContent-Disposition: form-data; name="'), encodeSjis('氏名'), Buffer.from('"\r\n\r\n'), encodeSjis('山田太郎'),
      Buffer.from('\r\n--s\r\nContent-Disposition: form-data; name="_charset_"\r\n\r\nShift_JIS\r\n--s--\r\n'),
    ];
    const split = await splitUpload(Buffer.concat(parts), { contentType: 'multipart/form-data; boundary=s', limits });
    const item = split.items[0]!;
    assert.equal(item.path, 'upload/form/氏名');
    assert.equal(item.mediaType, 'text/plain; charset=Shift_JIS');
    assert.equal(new TextDecoder('shift_jis').decode(item.bytes), '山田太郎');
    const detected = await splitUpload(Buffer.concat(parts.slice(0, 4).concat(Buffer.from('\r\n--s--'))), { contentType: 'multipart/form-data; boundary=s', limits });
    assert.equal(detected.items[0]!.path, 'upload/form/氏名');
  });

  it('caps the part count of a body with a million tiny parts, quickly, and says the rest was not inspected', async () => {
    const one = Buffer.from('--x\r\nContent-Disposition: form-data; name="p"\r\n\r\nv\r\n');
    const body = Buffer.concat([Buffer.alloc(one.length * 1_000_000).fill(one), Buffer.from('--x--\r\n')]);
    const t0 = performance.now();
    const split = await splitUpload(body, { contentType: 'multipart/form-data; boundary=x', limits });
    assert.ok(performance.now() - t0 < 5000, 'bounded work');
    assert.equal(split.items.length, 1000);
    assert.equal(split.items[1]!.path, 'upload/form/p#2');
    assert.equal(split.unscannable, true);
    assert.ok(split.errors.some((e) => e.code === 'ERR_LIMIT' && /more than 1000/.test(e.message)));
  });

  it('a boundary that never closes over 8 MB is one part, read in one pass', async () => {
    const body = Buffer.concat([Buffer.from('--q\r\nContent-Disposition: form-data; name="f"; filename="big.bin"\r\n\r\n'), Buffer.alloc(8 << 20, 0x2d)]);
    const split = await splitUpload(body, { contentType: 'multipart/form-data; boundary=q', limits });
    assert.equal(split.items.length, 1);
    assert.equal(split.items[0]!.bytes.length, 8 << 20);
  });

  it('stops at the nesting limit', async () => {
    let body = 'core';
    for (let d = 10; d >= 0; d--) body = `--n${d}\r\nContent-Disposition: form-data; name="l${d}"\r\nContent-Type: multipart/mixed; boundary=n${d + 1}\r\n\r\n${body}\r\n--n${d}--\r\n`;
    const split = await splitUpload(Buffer.from(body), { contentType: 'multipart/form-data; boundary=n0', limits });
    assert.equal(split.unscannable, true);
    assert.ok(split.errors.some((e) => e.code === 'ERR_LIMIT' && /nested deeper than 8/.test(e.message)));
  });
});

/** Shift_JIS bytes, as a Japanese Windows browser sends them for a Shift_JIS page. */
function encodeSjis(s: string): Buffer {
  return Buffer.from(Encoding.convert(Encoding.stringToCode(s), { to: 'SJIS', from: 'UNICODE' }));
}
