import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { packChecks } from './document.js';
import { agreesAround, extendAnchor } from './extend.js';
import { rng } from './test-support/corpus.js';

describe('anchor extension', () => {
  it('agreesAround accepts exactly the anchors extendAnchor verifies, from check bits packed among others', () => {
    const random = rng(11);
    let accepted = 0;
    for (let trial = 0; trial < 4000; trial++) {
      const queryPositions = 1 + Math.floor(random() * 80);
      const docPositions = 1 + Math.floor(random() * 80);
      const query = Int32Array.from({ length: queryPositions }, () => (random() * 2 ** 32) | 0);
      const docKeys = Int32Array.from({ length: docPositions }, () => (random() * 2 ** 32) | 0);
      const q = Math.floor(random() * queryPositions);
      const d = Math.floor(random() * docPositions);
      // A shared run of 0–40 positions on the anchor's diagonal, anywhere around the anchor.
      const before = Math.floor(random() * 20);
      const after = Math.floor(random() * 20);
      for (let k = -before; k <= after; k++) if (q + k >= 0 && q + k < queryPositions && d + k >= 0 && d + k < docPositions) docKeys[d + k] = query[q + k]!;
      const packed = packChecks(docKeys);
      const at = Math.floor(random() * 5);
      const bytes = new Uint8Array(at + packed.byteLength + 3).fill(0xa5);
      bytes.set(packed, at);
      const expected = extendAnchor(query, packed, docPositions, q, d) !== undefined;
      assert.equal(agreesAround(query, queryPositions, bytes, at, docPositions, q, d), expected, `trial ${trial}`);
      if (expected) accepted++;
    }
    assert.ok(accepted > 500 && accepted < 3500, `${accepted} of 4000 accepted: both outcomes are exercised`);
  });
});
