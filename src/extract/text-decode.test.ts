import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import Encoding from 'encoding-japanese';
import { decodeText } from './index.js';

const JA = '機密性２の文書です。個人番号を含む。①㈱髙﨑';
const encode = (text: string, to: 'SJIS' | 'EUCJP' | 'JIS'): Uint8Array =>
  new Uint8Array(Encoding.convert(Encoding.stringToCode(text), { to, from: 'UNICODE' }));

describe('decodeText', () => {
  it('reads UTF-8 with and without BOM', () => {
    assert.deepEqual(decodeText(new TextEncoder().encode(JA)), { text: JA, encoding: 'utf-8' });
    assert.deepEqual(decodeText(new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('abc')])), { text: 'abc', encoding: 'utf-8' });
  });

  it('reads UTF-16 with BOM, and BOM-less UTF-16 of mostly ASCII text', () => {
    assert.deepEqual(decodeText(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(JA, 'utf16le')])), { text: JA, encoding: 'utf-16le' });
    const be = Buffer.from(`secret ${JA}`, 'utf16le').swap16();
    assert.deepEqual(decodeText(Buffer.concat([Buffer.from([0xfe, 0xff]), be])), { text: `secret ${JA}`, encoding: 'utf-16be' });
    const plain = 'Account 1234-5678, password: hunter2\r\n';
    assert.deepEqual(decodeText(Buffer.from(plain, 'utf16le')), { text: plain, encoding: 'utf-16le' });
    assert.deepEqual(decodeText(Buffer.from(plain, 'utf16le').swap16()), { text: plain, encoding: 'utf-16be' });
  });

  it('reads Shift_JIS including CP932 extensions (①, ㈱, 髙)', () => {
    const r = decodeText(encode(JA, 'SJIS'));
    assert.equal(r.encoding, 'shift_jis');
    assert.equal(r.text, JA);
  });

  it('detects from a sample without being misled by a character cut at its end', () => {
    for (const filler of ['', 'a', 'ab']) {
      const long = `${filler}${'機密性２の文書です。'.repeat(20_000)}`;
      for (const to of ['SJIS', 'EUCJP'] as const) {
        const r = decodeText(encode(long, to));
        assert.equal(r.encoding, to === 'SJIS' ? 'shift_jis' : 'euc-jp');
        assert.equal(r.text, long);
      }
    }
  });

  it('reads EUC-JP and ISO-2022-JP', () => {
    const plain = '機密性２の文書です。関係者限り。';
    assert.deepEqual(decodeText(encode(plain, 'EUCJP')), { text: plain, encoding: 'euc-jp' });
    assert.deepEqual(decodeText(encode(plain, 'JIS')), { text: plain, encoding: 'iso-2022-jp' });
  });

  it('keeps UTF-8 whose last character was cut off', () => {
    const bytes = new TextEncoder().encode('秘密です');
    assert.equal(decodeText(bytes.subarray(0, bytes.length - 1)).encoding, 'utf-8');
  });

  it('keeps UTF-8 with a broken sequence in the middle (cut-and-joined files) as UTF-8', () => {
    const good = Buffer.from('昼食会は12時からです。\n'.repeat(50));
    const joined = Buffer.concat([good.subarray(0, good.length - 2), Buffer.from('機密性２ 個人番号'), good]);
    const r = decodeText(joined);
    assert.equal(r.encoding, 'utf-8');
    assert.ok(r.text.includes('機密性２ 個人番号'));
  });

  it('falls back to windows-1252 for other single-byte text', () => {
    const r = decodeText(new Uint8Array([0x43, 0x61, 0x66, 0xe9, 0x20, 0x4e, 0xba, 0x20, 0x31]));
    assert.deepEqual(r, { text: 'Café Nº 1', encoding: 'windows-1252' });
  });

  const dir = resolve(process.env['MAMORI_SHARED_DATA'] ?? resolve(import.meta.dirname, '../../../shared/data'), 'text/aozora-sjis');
  it('reads real Shift_JIS texts from Aozora Bunko', { skip: existsSync(dir) ? false : `reference data absent: ${dir}` }, () => {
    const files = readdirSync(dir).filter((f) => f.endsWith('.txt')).slice(0, 20);
    assert.ok(files.length > 0);
    for (const f of files) {
      const bytes = readFileSync(join(dir, f));
      const r = decodeText(bytes);
      assert.equal(r.encoding, 'shift_jis', f);
      assert.ok(!r.text.includes('\ufffd'), `${f} decodes without replacement characters`);
      assert.match(r.text, /[\u3040-\u30ff\u4e00-\u9fff]{10}/, f);
    }
  });
});
