import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { TextPart } from '../core/index.js';
import { DocumentIndex, type IndexSnapshot } from './document-index.js';
import { fingerprintText } from './document.js';
import { decodeIndexSnapshot, encodeIndexSnapshot } from './snapshot.js';
import { rng, syntheticText } from './test-support/corpus.js';

const part = (text: string): TextPart => ({ path: 'upload', kind: 'body', mediaType: 'text/plain', text });
const texts = Array.from({ length: 12 }, (_, i) => syntheticText(rng(300 + i), 3000 + 200 * i, i % 3 === 0 ? 'en' : 'mixed'));
const SOURCE = 'sqlite:/tmp/test.db#default';

function indexOf(docs: readonly number[]): DocumentIndex {
  return DocumentIndex.build(
    docs.map((i) => ({ docId: `doc_${i}`, path: `/share/${i}.txt`, label: i % 2 ? 'c3' : 'c2', fingerprints: fingerprintText(texts[i]!) })),
    { boilerplateDocs: 20 },
  );
}

/** Lookups of excerpts of every text (registered or not), with a little unrelated text around. */
function answers(index: DocumentIndex): unknown[] {
  return texts.map((t, i) => index.lookup([part(`${syntheticText(rng(9000 + i), 400, 'ja')}${t.slice(500, 900)}${t.slice(1500, 1700)}`)]));
}

const bytesOf = (chunks: Uint8Array[]): Uint8Array => new Uint8Array(Buffer.concat(chunks));

describe('index snapshot', () => {
  it('reads back to an index answering exactly as the one written, also after removals and additions', () => {
    const index = indexOf([0, 1, 2, 3, 4, 5, 6, 7]);
    index.remove('doc_2');
    index.remove('doc_5');
    index.add({ docId: 'doc_8', path: '/share/8.txt', label: 'c2', fingerprints: fingerprintText(texts[8]!) });
    const expected = answers(index);
    const snapshot = index.snapshot();
    assert.deepEqual(snapshot.documents.map((d) => d.docId), ['doc_0', 'doc_1', 'doc_3', 'doc_4', 'doc_6', 'doc_7', 'doc_8'], 'removed documents leave no slot');
    const versions = snapshot.documents.map((d) => `v-${d.docId}`);
    const decoded = decodeIndexSnapshot(bytesOf(encodeIndexSnapshot({ snapshot, versions, source: SOURCE })), { source: SOURCE });
    assert.deepEqual(decoded.versions, versions);
    const back = DocumentIndex.fromSnapshot(decoded.snapshot, { boilerplateDocs: 20 });
    assert.deepEqual(answers(back), expected);
    assert.deepEqual(back.stats(), index.stats());
    // The index read back keeps changing like any other, and copies its check bits out of the file's buffer.
    back.remove('doc_0');
    back.add({ docId: 'doc_9', path: '/share/9.txt', label: 'c2', fingerprints: fingerprintText(texts[9]!) });
    back.compact();
    index.remove('doc_0');
    index.add({ docId: 'doc_9', path: '/share/9.txt', label: 'c2', fingerprints: fingerprintText(texts[9]!) });
    assert.deepEqual(answers(back), answers(index));
    assert.ok(answers(back).some((a) => (a as unknown[]).length > 0), 'the comparison is over real matches');
  });

  it('refuses damaged, truncated, foreign and inconsistent snapshots with a reason', () => {
    const index = indexOf([0, 1, 2, 3]);
    const good = bytesOf(encodeIndexSnapshot({ snapshot: index.snapshot(), versions: ['a', 'b', 'c', 'd'], source: SOURCE }));
    const refuse = (bytes: Uint8Array, why: RegExp, source = SOURCE): void => {
      assert.throws(() => DocumentIndex.fromSnapshot(decodeIndexSnapshot(bytes, { source }).snapshot, { boilerplateDocs: 20 }), (e: Error & { code?: string }) => e.code === 'ERR_INPUT' && why.test(e.message));
    };
    refuse(good.subarray(0, good.byteLength - 1), /truncated/);
    refuse(good.subarray(0, 10), /not a mamori index snapshot/);
    refuse(new Uint8Array(0), /not a mamori index snapshot/);
    refuse(bytesOf([good, new Uint8Array(4)]), /truncated or padded/);
    const flipped = new Uint8Array(good);
    flipped[flipped.byteLength - 100]! ^= 0x10;
    refuse(flipped, /checksum/);
    refuse(good, /taken from/, 'sqlite:/elsewhere.db#default');
    const scheme = new Uint8Array(good);
    const at = Buffer.from(scheme).indexOf('"scheme":"w61k40');
    scheme[at + 11] = '7'.charCodeAt(0);
    refuse(scheme, /fingerprint scheme/);
    const random = rng(5);
    refuse(Uint8Array.from({ length: 4096 }, () => Math.floor(random() * 256)), /not a mamori index snapshot/);

    // Consistent checksums over inconsistent contents (a buggy or hostile writer): every entry is checked.
    const tampered = (edit: (s: IndexSnapshot) => IndexSnapshot): Uint8Array => {
      const s = index.snapshot();
      const copy = { hashes: s.hashes.slice(), slots: s.slots.slice(), positions: s.positions.slice(), documents: s.documents.map((d) => ({ ...d })) };
      return bytesOf(encodeIndexSnapshot({ snapshot: edit(copy), versions: ['a', 'b', 'c', 'd'], source: SOURCE }));
    };
    refuse(tampered((s) => (s.slots.fill(7, 10, 11), s)), /names document 7/);
    refuse(tampered((s) => (s.positions.fill(1e9, 3, 4), s)), /outside its document/);
    refuse(tampered((s) => (s.hashes.fill(0xffffffff, 0, 1), s)), /not sorted/);
    refuse(tampered((s) => ({ ...s, documents: s.documents.map((d, i) => (i === 1 ? { ...d, entries: d.entries + 1 } : d)) })), /entries/);
    refuse(tampered((s) => ({ ...s, documents: s.documents.map((d, i) => (i === 1 ? { ...d, docId: 'doc_0' } : d)) })), /twice/);
    refuse(tampered((s) => ({ ...s, documents: s.documents.map((d, i) => (i === 2 ? { ...d, chars: d.chars + 400 } : d)) })), /check bits/);
  });
});
