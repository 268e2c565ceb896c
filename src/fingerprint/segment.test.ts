import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildSegment, findFirst, passFilter, search, searchMany } from './segment.js';
import { rng } from './test-support/corpus.js';

/** Hashes as winnowing selects them: minima of 61 uniform values, crowded at the low end of the range. */
function windowMinima(random: () => number, n: number): number[] {
  return Array.from({ length: n }, () => Math.floor((1 - Math.pow(1 - random(), 1 / 61)) * 2 ** 32) >>> 0);
}

/** First index of `h` in sorted `hashes` by a linear scan, or -1: the reference. */
const firstIndex = (hashes: Uint32Array, h: number): number => hashes.indexOf(h);

describe('segment probes', () => {
  for (const [name, make] of [
    ['window minima', (r: () => number, n: number) => windowMinima(r, n)],
    ['uniform hashes', (r: () => number, n: number) => Array.from({ length: n }, () => Math.floor(r() * 2 ** 32) >>> 0)],
    ['a few distinct hashes, many times each, and the extremes', (r: () => number, n: number) => Array.from({ length: n }, (_, i) => [0, 1, 0xffffffff, 0x80000000, Math.floor(r() * 8) << 29][i % 5]! >>> 0)],
  ] as const) {
    it(`finds every hash present and no other (${name})`, () => {
      const random = rng(name.length);
      for (const n of [1, 7, 1000, 50_000]) {
        const values = make(random, n);
        const seg = buildSegment(Uint32Array.from(values), new Uint32Array(n), new Uint32Array(n));
        // Present: each value's first index, by the filter-then-search path and by findFirst.
        const present = Uint32Array.from(values.slice(0, 2000));
        const out = new Int32Array(present.length);
        const passed = passFilter(seg, present, present.length, out);
        assert.equal(passed, present.length, `${n}: the filter let every present hash through`);
        for (const h of present) {
          const expected = firstIndex(seg.hashes, h);
          assert.equal(search(seg, h), expected, `${n}: search ${h}`);
          assert.equal(findFirst(seg, h), expected, `${n}: findFirst ${h}`);
        }
        // Absent: drawn from the same distribution, minus the ones that happen to be present.
        const set = new Set(values);
        const absent = Uint32Array.from(make(random, 2000).filter((h) => !set.has(h)));
        for (const h of absent) {
          assert.equal(search(seg, h), -1, `${n}: absent ${h}`);
          assert.equal(findFirst(seg, h), -1, `${n}: absent ${h}`);
        }
        // searchMany answers as search does, for present and absent hashes mixed, through any selection.
        const mixed = Uint32Array.from([...present, ...absent].sort(() => random() - 0.5));
        const which = Int32Array.from(mixed.keys()).filter((i) => i % 3 !== 1);
        const first = new Int32Array(which.length).fill(-2);
        searchMany(seg, mixed, which, which.length, first);
        which.forEach((i, c) => assert.equal(first[c], search(seg, mixed[i]!), `${n}: searchMany ${mixed[i]}`));
        if (n >= 50_000 && name !== 'a few distinct hashes, many times each, and the extremes') {
          const rate = passFilter(seg, absent, absent.length, new Int32Array(absent.length)) / absent.length;
          assert.ok(rate < 0.2, `${n}: the filter let ${(rate * 100).toFixed(1)}% of absent hashes through`);
        }
      }
    });
  }
});
