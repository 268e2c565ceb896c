import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { TextPart } from '../core/index.js';
import { DocumentIndex } from './document-index.js';
import { fingerprintText } from './document.js';
import { normalise } from './normalise.js';
import { aozoraTexts, rewrap, rng, roundTrip, swapWidth, syntheticText } from './test-support/corpus.js';
import { GUARANTEE } from './winnow.js';

const part = (text: string, path = 'upload'): TextPart => ({ path, kind: 'body', mediaType: 'text/plain', text });

function registry(texts: readonly string[], boilerplateDocs = 20): DocumentIndex {
  return DocumentIndex.build(
    texts.map((t, i) => ({ docId: `doc_${i}`, path: `/share/${i}.txt`, label: 'c2', fingerprints: fingerprintText(t) })),
    { boilerplateDocs },
  );
}

/** A random excerpt of `min`..`max` normalised characters, as a slice of the original text. */
function excerpt(random: () => number, text: string, min: number, max: number): { original: string; chars: number } {
  const { norm, map } = normalise(text);
  const chars = min + Math.floor(random() * (max - min + 1));
  const start = Math.floor(random() * (norm.length - chars));
  return { original: text.slice(map[start]!, map[start + chars]!), chars };
}

type Variant = (random: () => number, s: string) => string;
const VARIANTS: Record<string, Variant> = {
  plain: (_r, s) => s,
  'line breaks and spaces': (r, s) => rewrap(r, s),
  'full-width': (_r, s) => swapWidth(s, 'full'),
  'half-width': (_r, s) => swapWidth(s, 'half'),
  'embedded in unrelated text': (r, s) => `${syntheticText(rng(999), 3000, 'en')}${s}${syntheticText(r, 2000, 'ja')}`,
  'Shift_JIS round trip': (_r, s) => roundTrip(s, 'SJIS'),
  'EUC-JP round trip': (_r, s) => roundTrip(s, 'EUCJP'),
};

function assertAllFound(index: DocumentIndex, texts: readonly string[], seed: number, trials: number): void {
  for (const [name, variant] of Object.entries(VARIANTS)) {
    const random = rng(seed);
    const missed: string[] = [];
    for (let t = 0; t < trials; t++) {
      const doc = t % texts.length;
      const { original, chars } = excerpt(random, texts[doc]!, GUARANTEE, 300);
      const hit = index.lookup([part(variant(random, original))]).find((m) => m.docId === `doc_${doc}`);
      if (!hit || hit.longestRunChars < GUARANTEE) missed.push(`${chars} chars of doc_${doc}: ${JSON.stringify(hit)}`);
    }
    assert.deepEqual(missed, [], `${name}: ${missed.length}/${trials} excerpts missed`);
  }
}

describe('document index', () => {
  const random = rng(42);
  const texts = Array.from({ length: 30 }, (_, i) => syntheticText(random, 2000 + i * 300, i % 3 === 0 ? 'en' : 'mixed'));
  const index = registry(texts);

  it(`finds every excerpt of ${GUARANTEE}–300 normalised characters, however re-formatted or re-encoded`, () => {
    assertAllFound(index, texts, 7, 150);
  });

  it('finds excerpts of real Japanese prose with ruby markup (Aozora Bunko, when the shared data is present)', (t) => {
    const aozora = aozoraTexts(25).map((a) => a.text);
    if (aozora.length === 0) return t.skip('shared data not found (set MAMORI_SHARED_DATA)');
    assertAllFound(registry(aozora, 1000), aozora, 11, 60);
  });

  it('reports a whole copied document with full coverage and its length as the run', () => {
    const [m] = index.lookup([part(texts[4]!)]);
    assert.equal(m!.docId, 'doc_4');
    assert.ok(m!.coverage > 0.99, `coverage ${m!.coverage}`);
    assert.ok(m!.longestRunChars >= normalise(texts[4]!).norm.length - 1, `${m!.longestRunChars}`);
    assert.deepEqual(m!.parts, ['upload']);
  });

  it('finds nothing in unrelated text of the same vocabulary', () => {
    const unrelated = syntheticText(rng(12345), 200_000, 'mixed');
    const over = index.lookup([part(unrelated)]).filter((m) => m.longestRunChars >= GUARANTEE || m.coverage >= 0.05);
    assert.deepEqual(over, []);
  });

  it('forgets unregistered documents and replaces re-registered ones', () => {
    const idx = registry(texts.slice(0, 5));
    const probe = excerpt(rng(3), texts[2]!, 150, 150).original;
    assert.ok(idx.lookup([part(probe)]).some((m) => m.docId === 'doc_2'));
    assert.equal(idx.remove('doc_2'), true);
    assert.equal(idx.remove('doc_2'), false);
    assert.deepEqual(idx.lookup([part(probe)]), []);
    idx.add({ docId: 'doc_3', path: '/share/3.txt', label: 'c3', fingerprints: fingerprintText(texts[10]!) });
    assert.deepEqual(idx.lookup([part(texts[3]!)]), []);
    assert.equal(idx.lookup([part(texts[10]!)])[0]!.label, 'c3');
    idx.compact();
    assert.equal(idx.lookup([part(texts[10]!)])[0]!.docId, 'doc_3');
    assert.deepEqual(idx.lookup([part(probe)]), []);
    assert.equal(idx.stats().documents, 4);
    idx.add({ docId: 'bulk', path: '/share/bulk.txt', label: 'c2', fingerprints: fingerprintText(texts[11]!) }, true);
    idx.add({ docId: 'bulk-removed', path: '/share/gone.txt', label: 'c2', fingerprints: fingerprintText(texts[12]!) }, true);
    idx.remove('bulk-removed');
    assert.equal(idx.lookup([part(texts[11]!)])[0]!.docId, 'bulk', 'bulk-added documents are sorted in before the next lookup');
    assert.deepEqual(idx.lookup([part(texts[12]!)]), []);
  });

  it('does not count boilerplate shared by many documents, nor the allow-corpus', () => {
    const footer = syntheticText(rng(77), 600, 'ja');
    const docs = Array.from({ length: 6 }, (_, i) => `${syntheticText(rng(100 + i), 3000, 'mixed')}\n${footer}`);
    const idx = registry(docs, 5);
    assert.deepEqual(idx.lookup([part(footer)]), [], 'a footer in 6 documents is boilerplate at boilerplateDocs 5');
    const [whole] = idx.lookup([part(docs[0]!)]);
    assert.ok(whole!.coverage > 0.99, 'coverage leaves boilerplate out of the denominator');
    const below = registry(docs, 7);
    assert.equal(below.lookup([part(footer)]).length, 6, 'below the threshold the footer is evidence');

    const letterhead = syntheticText(rng(88), 500, 'en');
    const allow = fingerprintText(letterhead).hashes;
    const withAllow = DocumentIndex.build([{ docId: 'd', path: 'd', label: 'c2', fingerprints: fingerprintText(`${letterhead}${docs[1]}`) }], { boilerplateDocs: 20, allowHashes: allow });
    assert.deepEqual(withAllow.lookup([part(letterhead)]), []);
    assert.equal(withAllow.lookup([part(docs[1]!)]).length, 1);
  });

  it('looks up texts longer than one chunk, including excerpts across chunk boundaries', () => {
    const filler = 'あいうえおかきくけこ'.repeat(10) + syntheticText(rng(5), 900, 'en');
    const big = filler.repeat(Math.ceil(4_400_000 / filler.length));
    const a = excerpt(rng(8), texts[6]!, 150, 150).original;
    const b = excerpt(rng(9), texts[7]!, 200, 200).original;
    const at = (1 << 22) - 60; // straddles the end of the first chunk
    const text = big.slice(0, at) + a + big.slice(at, 4_300_000) + b;
    const matches = index.lookup([part(text)]);
    for (const [id, chars] of [['doc_6', 150], ['doc_7', 200]] as const) {
      const m = matches.find((x) => x.docId === id);
      assert.ok(m && m.longestRunChars >= chars, `${id}: ${JSON.stringify(m)}`);
      assert.ok(m.matchedChars <= chars + 5, `${id} counted once: ${m.matchedChars}`);
    }
  });

  it('keeps the index under one byte per registered character', () => {
    const s = index.stats();
    assert.ok(s.bytes / s.chars < 1, `${s.bytes} bytes for ${s.chars} chars`);
  });
});
