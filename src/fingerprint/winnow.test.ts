import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { normaliseCodes } from './normalise.js';
import { aozoraTexts, rng, syntheticText } from './test-support/corpus.js';
import { winnowReference } from './test-support/reference.js';
import { GUARANTEE, K, W, winnow, winnowInto, type WinnowBuffers } from './winnow.js';

const codesOf = (s: string) => normaliseCodes(s);
const fingerprints = (s: string): Set<number> => {
  const { codes, length } = codesOf(s);
  return new Set(winnow(codes, length).hashes);
};

function randomText(random: () => number, n: number, alphabet: string): string {
  let s = '';
  for (let i = 0; i < n; i++) s += alphabet[Math.floor(random() * alphabet.length)];
  return s;
}

describe('winnowing', () => {
  it(`guarantees a common fingerprint for every shared run of ${GUARANTEE} characters, whatever surrounds it`, () => {
    const random = rng(2003);
    for (const alphabet of ['abcdefghijklmnopqrstuvwxyz0123456789', 'あいうえおかきくけこ漢字機密予算', 'ab']) {
      for (let t = 0; t < 300; t++) {
        const shared = randomText(random, GUARANTEE, alphabet);
        const a = randomText(random, Math.floor(random() * 300), alphabet) + shared + randomText(random, Math.floor(random() * 300), alphabet);
        const b = randomText(random, Math.floor(random() * 300), alphabet) + shared + randomText(random, Math.floor(random() * 300), alphabet);
        const fa = fingerprints(a);
        assert.ok([...fingerprints(b)].some((h) => fa.has(h)), `alphabet ${alphabet.length}, trial ${t}`);
      }
    }
  });

  it('selects about one fingerprint per (W + 1) / 2 characters, and one per window in low-entropy runs', () => {
    const text = randomText(rng(7), 200_000, 'abcdefghijklmnopqrstuvwxyz');
    const { codes, length } = codesOf(text);
    const density = winnow(codes, length).hashes.length / length;
    assert.ok(Math.abs(density - 2 / (W + 1)) < 0.003, `density ${density}`);
    const flat = codesOf('-'.repeat(100_000));
    const n = winnow(flat.codes, flat.length).hashes.length;
    assert.ok(n <= Math.ceil(100_000 / W) + 1, `${n} fingerprints for a run of one character`);
  });

  it('gives no fingerprint below one k-gram and exactly one for a text shorter than a window', () => {
    const short = codesOf('x'.repeat(K - 1));
    assert.equal(winnow(short.codes, short.length).hashes.length, 0);
    const one = codesOf(randomText(rng(3), K + 10, 'abcdefghij'));
    const w = winnow(one.codes, one.length);
    assert.equal(w.hashes.length, 1);
    assert.equal(w.kgrams.length, 11);
  });
  it('selects exactly the fingerprints and k-gram hashes of the reference winnowing, into reused buffers', () => {
    const random = rng(3);
    const texts = [
      ...Array.from({ length: 40 }, (_, i) => syntheticText(random, 20 + i * 97, (['ja', 'en', 'mixed'] as const)[i % 3])),
      ...Array.from({ length: 20 }, (_, i) => randomText(random, 30 + i * 211, i % 2 ? 'ab' : 'a')),
      '-'.repeat(500),
      'ab'.repeat(300),
      ...aozoraTexts(3).map((t) => t.text),
    ];
    const buffers: WinnowBuffers = { hashes: new Uint32Array(16), positions: new Uint32Array(16), keys: new Int32Array(0) };
    for (const [i, text] of texts.entries()) {
      const { codes, length } = codesOf(text);
      const expected = winnowReference(codes, length);
      const count = winnowInto(codes, length, buffers);
      assert.deepEqual([...buffers.hashes.subarray(0, count)], expected.hashes, `text ${i}: hashes`);
      assert.deepEqual([...buffers.positions.subarray(0, count)], expected.positions, `text ${i}: positions`);
      const w = winnow(codes, length);
      assert.deepEqual([...w.kgrams], expected.kgrams, `text ${i}: k-gram hashes`);
      assert.deepEqual([...w.hashes], expected.hashes, `text ${i}: winnow`);
    }
  });
});
