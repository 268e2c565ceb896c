import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { makeDocx, makePptx, makeXlsx, wp, wruby } from '../test-support/office.js';
import { codes, run, textAt } from '../test-support/run.js';
import { makeZip } from '../test-support/zip-writer.js';

const GUID = '0b5e5c3d-1c3b-4e8e-9a7a-2f1d3c4b5a69';

describe('docx', () => {
  const docx = makeDocx({
    body: wp('機密性２') + wp('予算は', '三億円') + `<w:p>${wruby('機密', 'きみつ')}<w:r><w:t>情報</w:t></w:r></w:p>`,
    header: '部外秘',
    footer: '1/3',
    comment: '要確認',
    footnote: '出典: 内部資料',
    title: '令和6年度予算',
    creator: '山田太郎',
    company: '総務省',
    custom: { [`MSIP_Label_${GUID}_Enabled`]: 'true', [`MSIP_Label_${GUID}_Name`]: '機密性2', [`MSIP_Label_${GUID}_SiteId`]: 'x', Project: 'Apollo' },
  });

  it('reads body, header, footer, comments and footnotes with paragraphs as lines', async () => {
    const x = await run(docx, '予算.docx');
    assert.equal(textAt(x, '予算.docx/word/document.xml'), '機密性２\n予算は三億円\n機密情報');
    assert.equal(textAt(x, '予算.docx/word/header1.xml'), '部外秘');
    assert.equal(textAt(x, '予算.docx/word/footer1.xml'), '1/3');
    assert.equal(textAt(x, '予算.docx/word/comments.xml'), '要確認');
    assert.equal(textAt(x, '予算.docx/word/footnotes.xml'), '出典: 内部資料');
    assert.equal(x.unscannable, false);
    assert.ok(x.parts.every((p) => p.mediaType.endsWith('wordprocessingml.document')));
  });

  it('keeps ruby base text and drops the reading', async () => {
    const body = textAt(await run(docx, 'a.docx'), 'a.docx/word/document.xml') ?? '';
    assert.ok(body.includes('機密情報'));
    assert.ok(!body.includes('きみつ'));
  });

  it('reads document properties as metadata parts and MSIP sensitivity labels', async () => {
    const x = await run(docx, 'a.docx');
    const core = x.parts.find((p) => p.path === 'a.docx/docProps/core.xml');
    assert.equal(core?.kind, 'metadata');
    assert.equal(core?.text, 'title: 令和6年度予算\ncreator: 山田太郎');
    assert.equal(textAt(x, 'a.docx/docProps/app.xml'), 'Company: 総務省');
    assert.match(textAt(x, 'a.docx/docProps/custom.xml') ?? '', /^Project: Apollo$/m);
    assert.deepEqual(x.sensitivityLabels, [{ path: 'a.docx/docProps/custom.xml', source: 'msip', name: '機密性2', id: GUID, enabled: true }]);
  });

  it('reads labels of docMetadata/LabelInfo.xml when custom properties have none', async () => {
    const info = `<clbl:labelList xmlns:clbl="http://schemas.microsoft.com/office/2020/mipLabelMetadata"><clbl:label id="{${GUID.toUpperCase()}}" enabled="1" method="Privileged" siteId="{x}" removed="0"/></clbl:labelList>`;
    const x = await run(makeDocx({ body: wp('x'), extra: [{ name: 'docMetadata/LabelInfo.xml', data: info }] }), 'b.docx');
    assert.deepEqual(x.sensitivityLabels, [{ path: 'b.docx/docMetadata/LabelInfo.xml', source: 'msip', name: GUID, id: GUID, enabled: true }]);
  });

  it('reports a malformed part and still reads the others', async () => {
    const zip = makeZip([
      { name: 'word/document.xml', data: '<w:document xmlns:w="w"><w:body><w:p><w:t>unclosed' },
      { name: 'word/header1.xml', data: '<w:hdr xmlns:w="w"><w:p><w:r><w:t>部外秘</w:t></w:r></w:p></w:hdr>' },
    ]);
    const x = await run(zip, 'bad.docx');
    assert.equal(textAt(x, 'bad.docx/word/header1.xml'), '部外秘');
    assert.deepEqual(codes(x), ['ERR_PARSE']);
    assert.equal(x.errors[0]?.path, 'bad.docx/word/document.xml');
    assert.equal(x.unscannable, true);
  });

  it('does not expand DTD entities (billion laughs)', async () => {
    const lol = '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]><w:document xmlns:w="w"><w:body><w:p><w:r><w:t>&lol2;</w:t></w:r></w:p></w:body></w:document>';
    const x = await run(makeZip([{ name: 'word/document.xml', data: lol }]), 'lol.docx');
    assert.deepEqual(codes(x), ['ERR_PARSE']);
    assert.ok(!(textAt(x, 'lol.docx/word/document.xml') ?? '').includes('lollol'));
  });

  it('extracts embedded files one level deeper', async () => {
    const inner = makeXlsx({ S: [['埋め込み']] });
    const x = await run(makeDocx({ body: wp('x'), extra: [{ name: 'word/embeddings/Microsoft_Excel_Worksheet.xlsx', data: inner }] }), 'e.docx');
    assert.equal(textAt(x, 'e.docx/word/embeddings/Microsoft_Excel_Worksheet.xlsx/xl/worksheets/sheet1.xml'), '埋め込み\n部外秘');
  });
});

describe('xlsx', () => {
  it('reads every sheet: shared strings without readings, inline strings, numbers, footers, comments, names', async () => {
    const x = await run(
      makeXlsx({ 名簿: [['氏名', '個人番号'], ['山田', 123456789018, { inline: '東京都' }]], 口座: [['普通', 1234567]] }, { title: '職員名簿' }, '要注意'),
      'a.xlsx',
    );
    assert.equal(textAt(x, 'a.xlsx/xl/worksheets/sheet1.xml'), '氏名\t個人番号\n山田\t123456789018\t東京都\n部外秘');
    assert.equal(textAt(x, 'a.xlsx/xl/worksheets/sheet2.xml'), '普通\t1234567\n部外秘');
    assert.equal(textAt(x, 'a.xlsx/xl/workbook.xml'), 'sheet: 名簿\nsheet: 口座');
    assert.equal(textAt(x, 'a.xlsx/xl/comments1.xml'), '要注意');
    assert.ok(!x.parts.some((p) => p.text.includes('ヨミ')));
    assert.equal(textAt(x, 'a.xlsx/docProps/core.xml'), 'title: 職員名簿');
  });
});

describe('pptx', () => {
  it('reads slides in order and speaker notes', async () => {
    const slides = Array.from({ length: 11 }, (_, i) => [`スライド${i + 1}`]);
    const x = await run(makePptx([['極秘', '次期計画'], ...slides.slice(1)], { 1: ['口外しないこと'] }), 'p.pptx');
    assert.equal(textAt(x, 'p.pptx/ppt/slides/slide1.xml'), '極秘\n次期計画');
    assert.equal(textAt(x, 'p.pptx/ppt/notesSlides/notesSlide1.xml'), '口外しないこと');
    const order = x.parts.filter((p) => p.path.includes('/slides/')).map((p) => p.path.replace(/.*slide(\d+)\.xml$/, '$1'));
    assert.deepEqual(order, ['1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11']);
  });
});
