/** Three parallel columns sorted by the first. */
export interface Columns {
  readonly keys: Uint32Array;
  readonly a: Uint32Array;
  readonly b: Uint32Array;
}

/**
 * Stable LSD radix sort of `keys` (two 16-bit passes) carrying two payload columns: tens of millions of
 * entries sort in well under a second, where comparison sorts of packed pairs take several.
 *
 * @example
 * const sorted = radixSort({ keys: hashes, a: slots, b: positions });
 */
export function radixSort(cols: Columns): Columns {
  const n = cols.keys.length;
  let keys = cols.keys;
  let a = cols.a;
  let b = cols.b;
  let k2: Uint32Array = new Uint32Array(n);
  let a2: Uint32Array = new Uint32Array(n);
  let b2: Uint32Array = new Uint32Array(n);
  const counts = new Uint32Array(0x10001);
  for (const shift of [0, 16]) {
    counts.fill(0);
    for (let i = 0; i < n; i++) counts[((keys[i]! >>> shift) & 0xffff) + 1]!++;
    for (let i = 1; i <= 0x10000; i++) counts[i]! += counts[i - 1]!;
    for (let i = 0; i < n; i++) {
      const key = keys[i]!;
      const at = counts[(key >>> shift) & 0xffff]!++;
      k2[at] = key;
      a2[at] = a[i]!;
      b2[at] = b[i]!;
    }
    [keys, k2] = [k2, keys];
    [a, a2] = [a2, a];
    [b, b2] = [b2, b];
  }
  return { keys, a, b };
}
