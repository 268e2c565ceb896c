import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import { describe, it } from 'node:test';
import { parseConfig } from './config/index.js';
import { LabelTaxonomy } from './core/index.js';
import { makeDocx, wp } from './extract/test-support/office.js';
import { makeZip } from './extract/test-support/zip-writer.js';
import { DocumentIndex, fingerprintText } from './fingerprint/index.js';
import { createInspector, eventFromInspection } from './inspect.js';

const taxonomy = new LabelTaxonomy();
const roster = '職員名簿\n氏名,個人番号\n山田 太郎,5260 1815 9084\n佐藤 花子,3016 6131 8600\n';

function multipart(boundary: string, files: { field: string; name: string; type: string; bytes: Uint8Array }[]): Buffer {
  const chunks: Buffer[] = [];
  for (const f of files) {
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${f.field}"; filename="${f.name}"\r\nContent-Type: ${f.type}\r\n\r\n`));
    chunks.push(Buffer.from(f.bytes), Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return Buffer.concat(chunks);
}

describe('inspect pipeline', () => {
  const inspector = createInspector({ config: parseConfig(''), taxonomy });

  it('blocks personal data inside a docx inside a zip inside a gzipped multipart upload to an unlisted host', async () => {
    const docx = makeDocx({ body: wp('職員名簿') + wp('個人番号: 5260 1815 9084') + wp('個人番号: 3016 6131 8600') });
    const zip = makeZip([{ name: '2026/名簿.docx', data: docx }]);
    const body = gzipSync(multipart('xYz', [{ field: 'file', name: 'export.zip', type: 'application/zip', bytes: zip }]));
    const context = { channel: 'icap' as const, contentType: 'multipart/form-data; boundary=xYz', contentEncoding: 'gzip', destHost: 'files.example.net', clientIp: '10.1.2.3', method: 'POST' };
    const r = await inspector.inspect(body, context);
    assert.equal(r.label, 'c2');
    assert.equal(r.verdict.action, 'block');
    assert.equal(r.verdict.rule, 'sensitive-to-unapproved');
    const myNumber = r.findings.find((f) => f.detector === 'jp.my_number');
    assert.equal(myNumber?.count, 2);
    assert.ok(myNumber.parts.every((p) => p.includes('export.zip/2026/名簿.docx/word/document.xml')), myNumber.parts.join());
    // Evidence leaves the pipeline masked.
    const event = eventFromInspection(r, context);
    assert.ok(!JSON.stringify(event).includes('5260 1815 9084'));
    assert.equal(event.action, 'block');
  });

  it('allows harmless text, and monitor mode turns a block into a recorded alert', async () => {
    const harmless = await inspector.inspect(Buffer.from('本日の会議は15時からです。'), { channel: 'cli', fileName: 'memo.txt' });
    assert.equal(harmless.label, 'c1');
    assert.equal(harmless.verdict.action, 'allow');
    const monitor = createInspector({ config: parseConfig('policy:\n  mode: monitor\n'), taxonomy });
    const r = await monitor.inspect(Buffer.from(roster), { channel: 'cli', fileName: 'roster.csv', destHost: 'evil.example' });
    assert.equal(r.verdict.action, 'alert');
    assert.equal(r.verdict.monitored, true);
  });

  it('sends c2 to an approved destination with an alert, and blocks a quarantined host', async () => {
    const config = parseConfig('policy:\n  lists:\n    approved: [example.go.jp]\n');
    let quarantined = false;
    const i = createInspector({ config, taxonomy, isQuarantined: () => quarantined });
    const ok = await i.inspect(Buffer.from(roster), { channel: 'icap', destHost: 'upload.example.go.jp', clientIp: '10.0.0.5' });
    assert.equal(ok.verdict.action, 'alert');
    quarantined = true;
    const q = await i.inspect(Buffer.from('hello'), { channel: 'icap', destHost: 'upload.example.go.jp', clientIp: '10.0.0.5' });
    assert.equal(q.verdict.action, 'block');
    assert.equal(q.verdict.rule, 'quarantined-host-upload');
  });

  it('marks an encrypted archive unscannable and the default policy blocks it towards unknown hosts', async () => {
    const zip = makeZip([{ name: 'secret.txt', data: Buffer.from(roster), encrypted: true }]);
    const r = await inspector.inspect(zip, { channel: 'cli', fileName: 'x.zip', destHost: 'unknown.example' });
    assert.equal(r.unscannable, true);
    assert.equal(r.verdict.action, 'block');
    assert.equal(r.verdict.rule, 'unscannable-to-unapproved');
  });
});

describe('inspection split over threads', () => {
  const config = parseConfig('');
  const briefing = `令和8年度 地域交通再編 検討資料(機密性2)。${'路線バスの再編と運賃体系の見直しについて、関係自治体との協議結果を整理する。'.repeat(20)}`;
  const documents = new DocumentIndex({ boilerplateDocs: config.fingerprint.boilerplateDocs });
  documents.add({ docId: 'doc_briefing', path: '/share/seisaku/briefing.txt', label: 'c2', fingerprints: fingerprintText(briefing) });
  const inspector = createInspector({ config, taxonomy, documents });
  // Two files in one upload: a long one (cut into slices) holding the registered text and personal data, and a short one.
  const long = `${'公開資料の本文です。特記事項はありません。\n'.repeat(9000)}${roster}${briefing.slice(200, 500)}\n${'card 4111 1111 1111 1111\n'.repeat(3)}${'公開資料です。\n'.repeat(9000)}${roster}`;
  const body = multipart('b0', [
    { field: 'a', name: 'long.txt', type: 'text/plain', bytes: Buffer.from(long) },
    { field: 'b', name: 'memo.txt', type: 'text/plain', bytes: Buffer.from(`【秘】\n${roster}`) },
  ]);
  const context = { channel: 'icap' as const, contentType: 'multipart/form-data; boundary=b0', destHost: 'files.example.net', method: 'POST' };

  for (const shares of [
    [{ detect: { index: 0, of: 2 }, lookup: true }, { detect: { index: 1, of: 2 }, lookup: false }],
    [{ detect: null, lookup: true }, { detect: { index: 0, of: 1 }, lookup: false }],
    [{ detect: { index: 2, of: 3 }, lookup: false }, { detect: { index: 0, of: 3 }, lookup: true }, { detect: { index: 1, of: 3 }, lookup: false }],
  ]) {
    it(`combines ${shares.length} shares (${JSON.stringify(shares.map((s) => s.detect?.index ?? '-'))}) into the inspection of the whole`, async () => {
      const whole = await inspector.inspect(body, context);
      assert.ok(whole.matches.some((m) => m.docId === 'doc_briefing'), 'the registered text is found');
      assert.ok((whole.findings.find((f) => f.detector === 'jp.my_number')?.count ?? 0) >= 6);
      assert.ok(whole.parts.some((p) => p.chars > 128 * 1024), 'one part is long enough to be sliced');
      const pieces = await Promise.all(shares.map((s) => inspector.inspectShare(body, context, s)));
      assert.deepEqual(inspector.combine(pieces, context), whole);
    });
  }

  it('refuses to combine pieces none of which looked the documents up', async () => {
    const piece = await inspector.inspectShare(body, context, { detect: { index: 0, of: 1 }, lookup: false });
    assert.throws(() => inspector.combine([piece], context), /document lookup/);
  });
});
