import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import { makeDocx, wp } from './test-support/office.js';
import { codes, run, textAt } from './test-support/run.js';
import { makeTar } from './test-support/tar-writer.js';
import { makeZip } from './test-support/zip-writer.js';

describe('tar', () => {
  const long = `${'深い/'.repeat(40)}秘.txt`;
  const tar = makeTar([
    { name: 'home/', type: '5' },
    { name: 'home/予算.docx', data: makeDocx({ body: wp('機密性３') }) },
    { name: 'home/memo.txt', data: '関係者限り' },
    { name: long, data: 'long name body' },
  ]);

  it('reads members of a tar.gz one level deeper, long names included', async () => {
    const x = await run(gzipSync(tar), 'backup.tar.gz');
    assert.equal(textAt(x, 'backup.tar.gz/backup.tar/home/予算.docx/word/document.xml'), '機密性３');
    assert.equal(textAt(x, 'backup.tar.gz/backup.tar/home/memo.txt'), '関係者限り');
    assert.equal(textAt(x, `backup.tar.gz/backup.tar/${long}`), 'long name body');
    assert.deepEqual(x.errors, []);
  });

  it('reports truncated archives and bad checksums', async () => {
    const cut = await run(tar.subarray(0, 1536 + 700), 'cut.tar');
    assert.ok(codes(cut).includes('ERR_PARSE'), codes(cut).join());
    const bad = Buffer.from(tar);
    bad[0] = 0x41;
    const y = await run(bad, 'bad.tar');
    assert.deepEqual(codes(y), ['ERR_PARSE']);
    assert.match(y.errors[0]?.message ?? '', /bad checksum/);
  });

  it('applies pax path and size records to the next member', async () => {
    const record = (k: string, v: string): string => {
      const body = ` ${k}=${v}\n`;
      let len = Buffer.byteLength(body) + 1;
      while (Buffer.byteLength(`${len}${body}`) !== len) len++;
      return `${len}${body}`;
    };
    const tarBytes = makeTar([{ name: 'PaxHeader', type: 'x', data: record('path', 'pax/長い名前.txt') + record('size', '9') }, { name: 'short', data: '' }]);
    // The member header says 0 bytes (as some writers do when pax carries the size); its data follows anyway.
    const data = Buffer.from('機密X  ');
    const at = tarBytes.length - 1024;
    const patched = Buffer.concat([tarBytes.subarray(0, at), data, Buffer.alloc(512 - data.length), Buffer.alloc(1024)]);
    const x = await run(patched, 'pax.tar');
    assert.deepEqual(x.errors, []);
    assert.equal(textAt(x, 'pax.tar/pax/長い名前.txt'), '機密X  ');
  });

  it('counts members against the entry limit', async () => {
    const many = makeTar(Array.from({ length: 30 }, (_, i) => ({ name: `f${i}.txt`, data: `file ${i}` })));
    const x = await run(many, 'many.tar', { maxEntries: 5 });
    assert.deepEqual(codes(x), ['ERR_LIMIT']);
    assert.equal(x.parts.length, 5);
  });
});

describe('odf', () => {
  it('reads OpenDocument text, headers and metadata', async () => {
    const content = '<office:document-content xmlns:office="o" xmlns:text="t"><office:body><office:text><text:h>極秘</text:h><text:p>予算<text:span>案</text:span><text:line-break/>第二行</text:p></office:text></office:body></office:document-content>';
    const styles = '<office:document-styles xmlns:office="o" xmlns:style="s" xmlns:text="t"><office:master-styles><style:master-page><style:header><text:p>部外秘</text:p></style:header></style:master-page></office:master-styles></office:document-styles>';
    const meta = '<office:document-meta xmlns:office="o" xmlns:dc="d"><office:meta><dc:title>計画</dc:title></office:meta></office:document-meta>';
    const odt = makeZip([
      { name: 'mimetype', data: 'application/vnd.oasis.opendocument.text', method: 0 },
      { name: 'content.xml', data: content },
      { name: 'styles.xml', data: styles },
      { name: 'meta.xml', data: meta },
    ]);
    const x = await run(odt, 'a.odt');
    assert.equal(textAt(x, 'a.odt/content.xml'), '極秘\n予算案\n第二行');
    assert.equal(textAt(x, 'a.odt/styles.xml'), '部外秘');
    assert.equal(textAt(x, 'a.odt/meta.xml'), 'title: 計画');
    assert.equal(x.parts[0]?.mediaType, 'application/vnd.oasis.opendocument.text');
  });
});
