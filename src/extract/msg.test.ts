import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { burn } from '@kenjiuno/msgreader/lib/Burner.js';
import { makeMsg } from './test-support/msg-writer.js';
import { makeDocx, wp } from './test-support/office.js';
import { codes, run, textAt } from './test-support/run.js';

describe('msg', () => {
  it('reads subject, sender, recipients, body and attachments recursively', async () => {
    const inner = makeMsg({ subject: '転送元', body: 'Card 4111111111111111' });
    const msg = makeMsg({
      subject: '人事評価の件',
      body: '部外秘\r\n評価結果を送ります。',
      senderName: '山田太郎',
      to: [{ name: '佐藤', email: 'sato@example.go.jp' }],
      attachments: [
        { name: '評価.docx', data: makeDocx({ body: wp('取扱注意') }) },
        { name: 'note.txt', data: new TextEncoder().encode('plain note') },
        { name: 'inner.msg', data: inner },
      ],
    });
    const x = await run(msg, 'mail.msg');
    assert.equal(textAt(x, 'mail.msg/header/subject'), '人事評価の件');
    assert.equal(x.parts.find((p) => p.path === 'mail.msg/header/subject')?.kind, 'header');
    assert.equal(textAt(x, 'mail.msg/header/from'), '山田太郎');
    assert.equal(textAt(x, 'mail.msg/header/to'), '佐藤 <sato@example.go.jp>');
    assert.equal(textAt(x, 'mail.msg/body.txt'), '部外秘\r\n評価結果を送ります。');
    assert.equal(textAt(x, 'mail.msg/評価.docx/word/document.xml'), '取扱注意');
    assert.equal(textAt(x, 'mail.msg/note.txt'), 'plain note');
    assert.equal(textAt(x, 'mail.msg/inner.msg/body.txt'), 'Card 4111111111111111');
    assert.deepEqual(x.errors, []);
  });

  it('reads other OLE files (legacy Office) as printable strings', async () => {
    const text = Buffer.from('Legacy WordDocument 極秘 計画書 v1.0', 'utf16le');
    const ole = burn([
      { name: 'Root Entry', type: 5, length: 0, children: [1] },
      { name: 'WordDocument', type: 2, length: text.length, binaryProvider: () => new Uint8Array(text) },
    ]);
    const x = await run(ole, 'old.doc');
    assert.match(textAt(x, 'old.doc') ?? '', /Legacy WordDocument 極秘 計画書 v1\.0/);
    assert.equal(x.parts[0]?.mediaType, 'application/x-ole-storage');
  });

  it('reports a truncated OLE file', async () => {
    const msg = makeMsg({ subject: 's', body: 'b'.repeat(10_000) });
    const x = await run(msg.subarray(0, 1000), 'cut.msg');
    assert.ok(x.errors.length > 0 || x.parts.length > 0);
    for (const c of codes(x)) assert.equal(c, 'ERR_PARSE');
  });
});
