import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BANNER_WORDS } from './markings/banners.js';
import { forEachRare, nextAnchorByCode, nextAnchorByRegex } from './prescan.js';

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

/** The pass-2 literals as one plain alternation, in the order the pre-scan once used: the reference. */
const RARE_REFERENCE = new RegExp(
  [
    '-----BEGIN ', '(?:AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{4}', 'AIza', 'eyJ', 'SG\\.', 'SK[0-9a-fA-F]{8}', 'GR1348941', 'AccountKey=', 'SharedAccessKey=', '&sig=',
    ...[...BANNER_WORDS].sort((a, b) => b.length - a.length).map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')),
  ].join('|'),
  'g',
);

/** `[at, literal]` as the reference alternation reports them; `resume(at, literal)` plays the handler. */
function referenceRare(text: string, resume: (at: number, literal: string) => number): [number, string][] {
  const out: [number, string][] = [];
  RARE_REFERENCE.lastIndex = 0;
  for (let m = RARE_REFERENCE.exec(text); m; m = RARE_REFERENCE.exec(text)) {
    out.push([m.index, m[0]]);
    const r = resume(m.index, m[0]);
    if (r >= 0) RARE_REFERENCE.lastIndex = Math.max(r, m.index + 1);
  }
  return out;
}

function grouped(text: string, resume: (at: number, literal: string) => number): [number, string][] {
  const out: [number, string][] = [];
  forEachRare(text, (at, literal) => {
    out.push([at, literal]);
    return resume(at, literal);
  });
  return out;
}

const RARE_PIECES = [
  '-', '-----', '-----BEGIN ', 'BEGIN ', '-BEGIN', 'B', 'AKIA', 'ASIA', 'ABIA', 'ACCA', 'AKI', 'QQQQ', '2345', 'AIza', 'AI', 'e', 'ey', 'eyJ', 'J', 'y',
  'SG.', 'SG', 'SK', 'SKabcdef12', '0123abcd', 'GR1348941', 'GR134', 'AccountKey=', 'SharedAccessKey=', '&sig=', '&', 'sig=', 'TOP ', 'SECRET', 'TOP SECRET',
  'CONFIDENTIAL', 'Confidential', 'CUI', 'FOUO', 'RESTRICTED', 'FOR OFFICIAL USE ONLY', 'For Official Use Only', 'Controlled Unclassified Information', ' ', '\n', 'a', '日本',
];

describe('pass-2 literal finder', () => {
  it('reports the literals a plain alternation reports, whatever the handler skips', () => {
    let seed = 11;
    const next = (n: number) => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return (seed >>> 8) % n;
    };
    let reported = 0;
    for (let k = 0; k < 400; k++) {
      let text = '';
      while (text.length < 300) text += RARE_PIECES[next(RARE_PIECES.length)]!;
      // The handler finds nothing, or a hit ending 0-12 characters after the literal, chosen by position.
      const resume = (at: number, literal: string) => ((at * 7) % 3 === 0 ? -1 : at + literal.length + ((at * 13) % 13));
      const expected = referenceRare(text, resume);
      reported += expected.length;
      assert.deepEqual(grouped(text, resume), expected, text);
      assert.deepEqual(grouped(text, () => -1), referenceRare(text, () => -1), text);
    }
    assert.ok(reported > 4000);
  });

  it('finds literals at the start and the end of the text and reports where they start', () => {
    const all = (text: string) => grouped(text, () => -1);
    assert.deepEqual(all('-----BEGIN '), [[0, '-----BEGIN ']]);
    assert.deepEqual(all('eyJ'), [[0, 'eyJ']]);
    assert.deepEqual(all('xeyJ SECRET'), [[1, 'eyJ'], [5, 'SECRET']]);
    assert.deepEqual(all('----BEGIN yJ eJ'), []);
    // `eyJ` whose `e` ends an earlier literal is not a new one (SK + 8 hex digits ends at the `e`).
    assert.deepEqual(all('SK1234567eyJ'), [[0, 'SK1234567e']]);
  });
});
