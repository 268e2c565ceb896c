import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import Encoding from 'encoding-japanese';
import { defaultConfig } from '../config/index.js';
import type { Extraction } from '../core/index.js';
import { extract, extractUpload } from '../extract/index.js';
import { makeDocx, wp } from '../extract/test-support/office.js';
import { makeZip } from '../extract/test-support/zip-writer.js';
import { DocumentIndex, GUARANTEE, fingerprintText, normalise } from '../fingerprint/index.js';
import { rng, syntheticText } from '../fingerprint/test-support/corpus.js';
import { documentText } from './document-text.js';

const limits = defaultConfig().extract;
const encode = (text: string, to: 'SJIS' | 'EUCJP'): Uint8Array => Uint8Array.from(Encoding.convert(Encoding.stringToCode(text), { to, from: 'UNICODE' }));
const filler = (seed: number, lang: 'en' | 'ja'): string => syntheticText(rng(seed), 1500, lang);

/** Registered documents in the formats a file server holds, each read back through `extract`. */
const originals = Array.from({ length: 8 }, (_, i) => syntheticText(rng(700 + i), 3000 + 500 * i, i % 2 ? 'ja' : 'mixed'));
const stored: { name: string; bytes: Uint8Array }[] = originals.map((t, i) => {
  const paragraphs = t.split('\n').map((p) => wp(p)).join('');
  const forms = [
    { name: `${i}.txt`, bytes: encode(t, 'SJIS') },
    { name: `${i}.txt`, bytes: encode(t, 'EUCJP') },
    { name: `${i}.docx`, bytes: makeDocx({ body: paragraphs }) },
    { name: `${i}.md`, bytes: Buffer.from(t) },
  ];
  return forms[i % forms.length]!;
});

type Wrap = (excerpt: string, seed: number) => Promise<Extraction>;
const WRAPS: Record<string, Wrap> = {
  'Shift_JIS text file': (e, s) => extract(encode(`${filler(s, 'ja')}${e}${filler(s + 1, 'ja')}`, 'SJIS'), { name: 'copy.txt', limits }),
  'EUC-JP text file': (e, s) => extract(encode(`${filler(s, 'ja')}${e}${filler(s + 1, 'ja')}`, 'EUCJP'), { name: 'copy.txt', limits }),
  docx: (e, s) => extract(makeDocx({ body: [filler(s, 'en'), ...e.split('\n'), filler(s + 1, 'ja')].map((p) => wp(p)).join('') }), { name: 'copy.docx', limits }),
  'zip of a Shift_JIS file and a docx': (e, s) =>
    extract(makeZip([{ name: 'notes.txt', data: Buffer.from(filler(s, 'en')) }, { name: 'dir/copy.txt', data: encode(e, 'SJIS') }, { name: 'other.docx', data: makeDocx({ body: wp(filler(s + 1, 'ja')) }) }]), { name: 'copy.zip', limits }),
  'multipart form upload': (e, s) => {
    const boundary = '----mamori7d9a';
    const body = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="comment"\r\n\r\n${filler(s, 'ja')}\r\n`),
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="copy.docx"\r\nContent-Type: application/octet-stream\r\n\r\n`),
      makeDocx({ body: [filler(s + 1, 'en'), e].map((p) => wp(p)).join('') }),
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    return extractUpload(body, { contentType: `multipart/form-data; boundary=${boundary}`, limits });
  },
};

describe('registered documents are found through extraction, re-encoding and packing', () => {
  it(`finds every excerpt of ${GUARANTEE}–300 normalised characters in every container`, async () => {
    const texts = await Promise.all(stored.map(async (s) => documentText((await extract(s.bytes, { name: s.name, limits })).parts)));
    texts.forEach((t, i) => assert.equal(normalise(t).norm, normalise(originals[i]!).norm, `${stored[i]!.name} reads back as written`));
    const index = DocumentIndex.build(texts.map((t, i) => ({ docId: `doc_${i}`, path: stored[i]!.name, label: 'c2', fingerprints: fingerprintText(t) })), { boilerplateDocs: 20 });
    for (const [name, wrap] of Object.entries(WRAPS)) {
      const random = rng(31);
      const missed: string[] = [];
      for (let t = 0; t < 24; t++) {
        const doc = t % originals.length;
        const { norm, map } = normalise(originals[doc]!);
        const len = GUARANTEE + Math.floor(random() * 201);
        const start = Math.floor(random() * (norm.length - len));
        const x = await wrap(originals[doc]!.slice(map[start]!, map[start + len]!), 1000 + t);
        const hit = index.lookup(x.parts).find((m) => m.docId === `doc_${doc}`);
        if (!hit || hit.longestRunChars < GUARANTEE) missed.push(`${len} chars of doc_${doc}: ${hit ? `run ${hit.longestRunChars}` : 'not found'}; parts ${x.parts.map((p) => p.path).join(', ')}`);
      }
      assert.deepEqual(missed, [], name);
    }
  });
});
