import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { nextAnchorByCode, nextAnchorByRegex } from './prescan.js';

/** Every anchor end a finder reports, stepping one unit past each (as a handler that found nothing does). */
function anchors(find: (text: string, from: number) => number, text: string): number[] {
  const out: number[] = [];
  for (let end = find(text, 0); end >= 0; end = find(text, end)) out.push(end);
  return out;
}

// Seeded pieces around every kind of anchor and its near misses.
const PIECES = [
  '0', '7', '12', '３', '０', ' ', '-', '_', '.', '@', '＠', '=', ':', '：', '秘', '㊙', '機', '取', '関', '\n', 'a', 'Z', 'é', '😀', '日本',
  'xoxb', 'xapp', 'glpat', 'glsoat', 'pypi', 'sk', 'Xsk', 'ask', 'ghp', 'gho', 'github', 'npm', 'rk', 'service', 'xservice', 'Ghp', 'npmx',
];

describe('pass-1 anchor finders', () => {
  it('the regex and the char-code loop report the same anchors', () => {
    let seed = 7;
    const next = (n: number) => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return (seed >>> 8) % n;
    };
    for (let k = 0; k < 300; k++) {
      let text = '';
      while (text.length < 400) text += PIECES[next(PIECES.length)]!;
      assert.deepEqual(anchors(nextAnchorByCode, text), anchors(nextAnchorByRegex, text), text);
    }
  });

  it('reports digit pairs, single-character anchors and token-prefix dashes and underscores only', () => {
    const text = 'v1 x12 a@b k=v 秘 well-known snake_case xoxb-1 ghp_x service_account';
    const expected = [6, 9, 13, 16, 44, 50, 60];
    assert.deepEqual(anchors(nextAnchorByRegex, text), expected);
    assert.deepEqual(anchors(nextAnchorByCode, text), expected);
  });
});
