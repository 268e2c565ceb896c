import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import Encoding from 'encoding-japanese';
import { makeDocx, wp } from './test-support/office.js';
import { codes, run, textAt } from './test-support/run.js';
import { makeZip } from './test-support/zip-writer.js';

const jis = (s: string): Buffer => Buffer.from(Encoding.convert(Encoding.stringToCode(s), { to: 'JIS', from: 'UNICODE' }));
const b64lines = (b: Uint8Array): string => Buffer.from(b).toString('base64').replace(/.{76}/g, '$&\r\n');

function japaneseMail(): Buffer {
  const subject = `=?ISO-2022-JP?B?${jis('予算資料の送付').toString('base64')}?=`;
  const zip = makeZip([{ name: '予算.docx', data: makeDocx({ body: wp('機密性２ 予算案') }) }]);
  const head = [
    'From: =?UTF-8?B?5bGx55Sw?= <yamada@example.go.jp>',
    'To: sato@example.com, "Suzuki" <suzuki@example.net>',
    'Cc: audit@example.go.jp',
    `Subject: ${subject}`,
    'Date: Tue, 1 Oct 2024 09:00:00 +0900',
    'MIME-Version: 1.0',
    'Content-Type: multipart/mixed; boundary="b1"',
    '',
    '--b1',
    'Content-Type: text/plain; charset=ISO-2022-JP',
    'Content-Transfer-Encoding: 7bit',
    '',
    '',
  ].join('\r\n');
  const tail = [
    '',
    '--b1',
    'Content-Type: application/zip; name="report.zip"',
    'Content-Transfer-Encoding: base64',
    'Content-Disposition: attachment; filename="report.zip"',
    '',
    b64lines(zip),
    '--b1',
    'Content-Type: message/rfc822',
    'Content-Disposition: attachment; filename="fwd.eml"',
    '',
    'From: a@example.com',
    'Subject: forwarded',
    'Content-Type: text/html; charset=UTF-8',
    '',
    '<html><body><p>転送:&nbsp;部外秘</p><script>alert(1)</script></body></html>',
    '--b1--',
    '',
  ].join('\r\n');
  return Buffer.concat([Buffer.from(head), jis('関係者限りの資料です。\r\n'), Buffer.from(tail)]);
}

describe('eml', () => {
  it('reads headers, an ISO-2022-JP body and attachments recursively', async () => {
    const x = await run(japaneseMail(), 'mail.eml');
    assert.equal(textAt(x, 'mail.eml/header/subject'), '予算資料の送付');
    assert.equal(textAt(x, 'mail.eml/header/from'), '山田 <yamada@example.go.jp>');
    assert.equal(textAt(x, 'mail.eml/header/to'), 'sato@example.com, Suzuki <suzuki@example.net>');
    assert.equal(textAt(x, 'mail.eml/header/cc'), 'audit@example.go.jp');
    assert.equal(x.parts.find((p) => p.path === 'mail.eml/header/subject')?.kind, 'header');
    assert.equal(textAt(x, 'mail.eml/body.txt')?.trim(), '関係者限りの資料です。');
    assert.equal(textAt(x, 'mail.eml/report.zip/予算.docx/word/document.xml'), '機密性２ 予算案');
    assert.equal(textAt(x, 'mail.eml/fwd.eml/header/subject'), 'forwarded');
    assert.equal(textAt(x, 'mail.eml/fwd.eml/body.html'), '転送: 部外秘');
    assert.deepEqual(x.errors, []);
  });

  it('is recognised without a name from its headers', async () => {
    const x = await run(Buffer.from('Received: from x\r\nFrom: a@b.c\r\nSubject: hi\r\n\r\nbody text\r\n'), '-');
    assert.equal(textAt(x, '-/header/subject'), 'hi');
    assert.equal(textAt(x, '-/body.txt')?.trim(), 'body text');
  });

  it('copes with a truncated multipart message', async () => {
    const mail = japaneseMail();
    const x = await run(mail.subarray(0, Math.floor(mail.length * 0.6)), 'cut.eml');
    assert.equal(textAt(x, 'cut.eml/header/subject'), '予算資料の送付');
    for (const c of codes(x)) assert.ok(['ERR_PARSE', 'ERR_LIMIT'].includes(c));
  });
});
