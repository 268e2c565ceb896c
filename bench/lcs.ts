/**
 * Longest common substring of two strings with a suffix automaton: an exact oracle, independent of
 * fingerprinting, to tell real shared text from a false match in the evaluations. O(|a| + |b|).
 */
export function longestCommonSubstring(a: string, b: string): number {
  const maxStates = 2 * a.length + 2;
  const len = new Int32Array(maxStates);
  const link = new Int32Array(maxStates).fill(-1);
  const next: Map<number, number>[] = [new Map()];
  let size = 1;
  let last = 0;
  for (let i = 0; i < a.length; i++) {
    const c = a.charCodeAt(i);
    const cur = size++;
    len[cur] = len[last]! + 1;
    next[cur] = new Map();
    let p = last;
    while (p !== -1 && !next[p]!.has(c)) {
      next[p]!.set(c, cur);
      p = link[p]!;
    }
    if (p === -1) link[cur] = 0;
    else {
      const q = next[p]!.get(c)!;
      if (len[p]! + 1 === len[q]) link[cur] = q;
      else {
        const clone = size++;
        len[clone] = len[p]! + 1;
        next[clone] = new Map(next[q]!);
        link[clone] = link[q]!;
        while (p !== -1 && next[p]!.get(c) === q) {
          next[p]!.set(c, clone);
          p = link[p]!;
        }
        link[q] = clone;
        link[cur] = clone;
      }
    }
    last = cur;
  }
  let state = 0;
  let length = 0;
  let best = 0;
  for (let i = 0; i < b.length; i++) {
    const c = b.charCodeAt(i);
    while (state !== 0 && !next[state]!.has(c)) {
      state = link[state]!;
      length = len[state]!;
    }
    const to = next[state]!.get(c);
    if (to !== undefined) {
      state = to;
      length++;
    }
    if (length > best) best = length;
  }
  return best;
}
