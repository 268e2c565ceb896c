import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { makePdf } from './test-support/pdf-writer.js';
import { codes, run, textAt } from './test-support/run.js';

describe('pdf', () => {
  const pdf = makePdf({ pages: ['CONFIDENTIAL\nProject Apollo budget', 'Card 4111 1111 1111 1111'], title: 'Budget 2024' });

  it('reads each page and the information dictionary', async () => {
    const x = await run(pdf, 'a.pdf');
    assert.equal(textAt(x, 'a.pdf/page-1'), 'CONFIDENTIAL\nProject Apollo budget');
    assert.equal(textAt(x, 'a.pdf/page-2'), 'Card 4111 1111 1111 1111');
    const info = x.parts.find((p) => p.path === 'a.pdf/info');
    assert.equal(info?.kind, 'metadata');
    assert.match(info?.text ?? '', /^Title: Budget 2024$/m);
    assert.equal(x.unscannable, false);
  });

  it('reads MSIP sensitivity labels that Office exports into the information dictionary', async () => {
    const id = '0b5e5c3d-1c3b-4e8e-9a7a-2f1d3c4b5a69';
    const x = await run(makePdf({ pages: ['x'], info: { [`MSIP_Label_${id}_Name`]: 'Confidential', [`MSIP_Label_${id}_Enabled`]: 'true' } }), 'l.pdf');
    assert.deepEqual(x.sensitivityLabels, [{ path: 'l.pdf/info', source: 'msip', name: 'Confidential', id, enabled: true }]);
  });

  it('sniffs a PDF by content whatever its name', async () => {
    const x = await run(pdf, 'report.txt');
    assert.equal(textAt(x, 'report.txt/page-1'), 'CONFIDENTIAL\nProject Apollo budget');
  });

  it('marks a password-protected PDF unscannable', async () => {
    const x = await run(makePdf({ pages: ['SECRET'], encrypted: true }), 'locked.pdf');
    assert.deepEqual(codes(x), ['ERR_ENCRYPTED']);
    assert.equal(x.unscannable, true);
    assert.match(x.unscannableReasons[0] ?? '', /^ERR_ENCRYPTED locked\.pdf: PDF is password-protected/);
    assert.equal(x.parts.length, 0);
  });

  it('reads only the first pages past the page limit and says so', async () => {
    const x = await run(makePdf({ pages: ['one', 'two', 'three', 'four'] }), 'long.pdf', { maxPdfPages: 2 });
    assert.deepEqual(x.parts.filter((p) => p.kind === 'body').map((p) => p.text), ['one', 'two']);
    assert.deepEqual(codes(x), ['ERR_LIMIT']);
    assert.match(x.errors[0]?.message ?? '', /4 pages; only the first 2/);
  });

  it('survives truncated and garbage PDFs', async () => {
    for (const cut of [20, 200, Math.floor(pdf.length / 2), pdf.length - 40]) {
      const x = await run(pdf.subarray(0, cut), 'cut.pdf');
      // pdf.js repairs what it can; either text comes out or a clear error does.
      assert.ok(x.parts.length > 0 || x.errors.length > 0, `cut at ${cut}`);
      for (const e of x.errors) assert.ok(['ERR_PARSE', 'ERR_LIMIT'].includes(e.code), e.message);
    }
    const garbage = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(4096, 0xab)]);
    const g = await run(garbage, 'garbage.pdf');
    assert.deepEqual(codes(g), ['ERR_PARSE']);
    assert.equal(g.unscannable, true);
  });
});
