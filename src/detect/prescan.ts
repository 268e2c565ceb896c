import { resetContextCache } from './context.js';
import { emailAt } from './identifiers/email.js';
import { ipv6At } from './identifiers/ipv6.js';
import { scanNumeric } from './identifiers/numeric.js';
import { BANNER_WORDS, bannerAt } from './markings/banners.js';
import { handlingMarkingAt, hiMarkingAt, kimitsuMarkingAt } from './markings/japanese.js';
import { assignmentAt } from './secrets/assignment.js';
import { azureAt, privateKeyAt, serviceAccountAt } from './secrets/blocks.js';
import { ANCHORED_TOKENS, matchToken, UNDERSCORE_TOKENS } from './secrets/tokens.js';
import { urlCredentialsAt } from './secrets/url-credentials.js';
import type { Hit } from './types.js';

/**
 * Pass 1 anchors: digit pairs, `@`, assignment operators, `_` and `-` of token prefixes, and the first
 * characters of Japanese markings. Two finders give the same anchors, whichever is faster for the text:
 * the regex engine in mostly Latin text, a loop over char codes in Japanese text (see pass1Finder).
 *
 * Every anchor costs a return from the finder to its handler, and `-` and `_` are frequent in prose and
 * code (a third of all anchors in /usr/share/doc). They are reported only after a token prefix at a word
 * start (`xoxb-`, `glpat-`, `sk-`, `ghp_`, `npm_`, `service_`): the same first condition dashAt and
 * underscoreAt check, in the regex as a look-behind placed after the anchor character (so the engine's
 * quick check still applies). A `-` or `_` those handlers reject has no effect on the scan (it neither
 * consumes digits nor moves the cluster floor), so leaving it out gives the same hits.
 */
const COMMON = new RegExp(
  [
    '[0-9][0-9]',
    '[@＠０-９=:：秘㊙機取関]',
    String.raw`-(?<=(?<![a-z])(?:xox[abeprs]|xapp|gl(?:pat|ptt|dt|rt|cbt|imt|soat|ft)|pypi|sk)-)`,
    String.raw`_(?<=(?:(?<![A-Za-z])(?:gh[pousr]|github|sk|rk|npm)|service)_)`,
  ].join('|'),
  'g',
);

/**
 * The end of the first pass-1 anchor at or after `from`, or -1, by the regex engine.
 *
 * @example
 * nextAnchorByRegex('tel 03-1234', 0); // 6 (the pair `03`)
 */
export function nextAnchorByRegex(text: string, from: number): number {
  COMMON.lastIndex = from;
  return COMMON.test(text) ? COMMON.lastIndex : -1;
}

/** Anchor classes by UTF-16 code unit, for nextAnchorByCode. */
const ANCHOR = new Uint8Array(0x10000);
const PAIR = 1; // an ASCII digit: an anchor when the next code unit is one too
const SINGLE = 2;
const PREFIX_END = 3; // `-` or `_`: an anchor only where a token prefix ends (see prefixWordStart)
for (let c = 0x30; c <= 0x39; c++) ANCHOR[c] = PAIR;
for (const ch of '@＠０１２３４５６７８９=:：秘㊙機取関') ANCHOR[ch.charCodeAt(0)] = SINGLE;
ANCHOR[0x2d] = PREFIX_END;
ANCHOR[0x5f] = PREFIX_END;

/**
 * The same as nextAnchorByRegex, by a loop over char codes.
 *
 * @example
 * nextAnchorByCode('電話 03-1234', 0); // 5
 */
export function nextAnchorByCode(text: string, from: number): number {
  const n = text.length;
  for (let i = from; i < n; i++) {
    const k = ANCHOR[text.charCodeAt(i)]!;
    if (k === 0) continue;
    if (k === SINGLE) return i + 1;
    if (k === PAIR) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0x30 && d <= 0x39) return i + 2;
    } else if (prefixWordStart(text, i) >= 0) return i + 1;
  }
  return -1;
}

/**
 * The faster pass-1 finder for `text`. V8's regex engine scans Latin text faster than a JavaScript loop
 * (about 1.2× in /usr/share/doc), but in text held as UTF-16 (Japanese) its quick check must compare
 * 16-bit units and the loop is about 1.5× faster (Aozora). Both give the same anchors; a sample spread
 * over the text decides.
 */
function pass1Finder(text: string): (text: string, from: number) => number {
  // 512 code units spread over the whole text: a Japanese head on an English body must not decide alone.
  const step = Math.max(1, Math.floor(text.length / 512));
  let wide = 0;
  let seen = 0;
  for (let i = 0; i < text.length; i += step, seen++) if (text.charCodeAt(i) >= 0x3000) wide++;
  return wide * 8 > seen ? nextAnchorByCode : nextAnchorByRegex;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Pass 2 anchors: case-sensitive literal prefixes of tokens, key blocks and English banners, as
 * `[first character, rest of the pattern]`. At one place at most one of them can match (no literal is
 * a prefix of another), so their order does not matter.
 */
const RARE_LITERALS: readonly (readonly [string, string])[] = [
  ['A', '(?:KIA|SIA|BIA|CCA)[A-Z2-7]{4}'],
  ['A', 'Iza'],
  ['S', 'G\\.'],
  ['S', 'K[0-9a-fA-F]{8}'],
  ['G', 'R1348941'],
  ['A', 'ccountKey='],
  ['S', 'haredAccessKey='],
  ['&', 'sig='],
  ...[...BANNER_WORDS].sort((a, b) => b.length - a.length).map((w) => [w[0]!, escape(w.slice(1))] as const),
  // Literals whose first characters are frequent in prose are found at a rarer character and the
  // characters before it checked by a look-behind: `-----BEGIN ` at its `B`, `eyJ` at its `J`.
  ['B', '(?<=-----B)EGIN '],
  ['J', '(?<=eyJ)'],
];

/** How far before the match a literal found by a look-behind starts (`BEGIN ` of `-----BEGIN `, `J` of `eyJ`). */
const lookBehindLength = (match: string) => (match === 'J' ? 2 : match.startsWith('BEGIN') ? 5 : 0);

/**
 * The pass-2 regex: the literals grouped by their first character (`A(?:…|…)|S(?:…)|…`). The plain
 * alternation of 20 literals ran at about half the speed: V8's quick check could only combine their
 * first characters into a loose mask; grouped, each first character is tested once, and every
 * group starts with an upper-case letter or `&`.
 */
const RARE = (() => {
  const groups = new Map<string, string[]>();
  for (const [first, rest] of RARE_LITERALS) groups.set(first, [...(groups.get(first) ?? []), rest]);
  return new RegExp([...groups].map(([first, rests]) => `${escape(first)}(?:${rests.join('|')})`).join('|'), 'g');
})();

/**
 * Calls `found(at, literal)` for every pass-2 literal in `text`, left to right, as one global regex over
 * the literals would report them: a literal that starts inside an earlier literal is not reported; the
 * next search starts where `found` says (a hit's end, or -1 for none: after the literal).
 *
 * @example
 * forEachRare('x AKIAABCD eyJhbGciOi', (at, literal) => { console.log(at, literal); return -1; }); // 2 AKIAABCD, 11 eyJ
 */
export function forEachRare(text: string, found: (at: number, literal: string) => number): void {
  const rare = new RegExp(RARE.source, 'g');
  let from = 0;
  for (let m = rare.exec(text); m; m = rare.exec(text)) {
    const at = m.index - lookBehindLength(m[0]);
    if (at < from) {
      rare.lastIndex = m.index + 1;
      continue;
    }
    const resume = found(at, at === m.index ? m[0] : text.slice(at, m.index + m[0].length));
    if (resume >= 0) rare.lastIndex = Math.max(resume, m.index + 1);
    from = rare.lastIndex;
  }
}

const ANCHOR_KEYS = [...ANCHORED_TOKENS.keys()];

function rareAt(text: string, at: number, found: string): Hit | null {
  const c = found.charCodeAt(0);
  if (found.startsWith('-----BEGIN')) return privateKeyAt(text, at);
  if (found === 'AccountKey=' || found === 'SharedAccessKey=' || found === '&sig=') return azureAt(text, at);
  if (c >= 0x41 && c <= 0x5a && BANNER_WORDS.includes(found)) return bannerAt(text, at, found);
  const key = ANCHOR_KEYS.find((k) => found.startsWith(k)) ?? (found.startsWith('AS') || found.startsWith('AB') || found.startsWith('AC') ? 'AKIA' : undefined);
  return key ? matchToken(text, at, ANCHORED_TOKENS.get(key)!) : null;
}

/** Lower-case token prefixes that end in `-` (xoxb-, glpat-, pypi-, sk-): found at the hyphen. */
const DASH_PREFIX: ReadonlyMap<string, string> = new Map([
  ['xoxb', 'xox'], ['xoxa', 'xox'], ['xoxp', 'xox'], ['xoxr', 'xox'], ['xoxs', 'xox'], ['xoxe', 'xox'], ['xapp', 'xapp-'],
  ['glpat', 'gl'], ['glptt', 'gl'], ['gldt', 'gl'], ['glrt', 'gl'], ['glcbt', 'gl'], ['glimt', 'gl'], ['glsoat', 'gl'], ['glft', 'gl'],
  ['pypi', 'pypi-'], ['sk', 'sk-'],
]);

// First letters of the prefixes: most words are rejected at once.
const DASH_FIRST = new Set([...DASH_PREFIX.keys()].map((k) => k.charCodeAt(0)));
const UNDERSCORE_FIRST = new Set([...UNDERSCORE_TOKENS.keys(), 'service'].map((k) => k.charCodeAt(0)));
const DASH_WORDS = [...DASH_PREFIX.keys()];
const UNDERSCORE_WORDS = [...UNDERSCORE_TOKENS.keys(), 'service'];

/** The word of `words` that is exactly `text[ws, at)`, compared in place (no string is cut out). */
function wordAt(text: string, ws: number, at: number, words: readonly string[]): string | undefined {
  for (const w of words) if (w.length === at - ws && text.startsWith(w, ws)) return w;
  return undefined;
}

/**
 * Where the token prefix ending at the `-` or `_` at `at` starts (`xoxb-`, `glpat-`, `ghp_`, `service_`),
 * or -1: the first condition of dashAt and underscoreAt (the look-behinds of COMMON, for the loop finder).
 */
function prefixWordStart(text: string, at: number): number {
  const dash = text.charCodeAt(at) === 0x2d;
  let ws = at;
  while (ws > 0 && at - ws < 7) {
    const c = text.charCodeAt(ws - 1);
    if (!((c >= 0x61 && c <= 0x7a) || (!dash && c >= 0x41 && c <= 0x5a))) break;
    ws--;
  }
  if (ws === at || !(dash ? DASH_FIRST : UNDERSCORE_FIRST).has(text.charCodeAt(ws))) return -1;
  return wordAt(text, ws, at, dash ? DASH_WORDS : UNDERSCORE_WORDS) === undefined ? -1 : ws;
}

function dashAt(text: string, at: number): Hit | null {
  let ws = at;
  while (ws > 0 && at - ws < 7) {
    const c = text.charCodeAt(ws - 1);
    if (c < 0x61 || c > 0x7a) break;
    ws--;
  }
  if (ws === at || !DASH_FIRST.has(text.charCodeAt(ws))) return null;
  const word = wordAt(text, ws, at, DASH_WORDS);
  return word ? matchToken(text, ws, ANCHORED_TOKENS.get(DASH_PREFIX.get(word)!)!) : null;
}

function underscoreAt(text: string, at: number): Hit | null {
  let ws = at;
  while (ws > 0 && at - ws < 7) {
    const c = text.charCodeAt(ws - 1);
    if (!((c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a))) break;
    ws--;
  }
  if (!UNDERSCORE_FIRST.has(text.charCodeAt(ws))) return null;
  const word = wordAt(text, ws, at, UNDERSCORE_WORDS);
  if (word === undefined) return null;
  if (word === 'service') return text.startsWith('account', at + 1) ? serviceAccountAt(text, ws) : null;
  return matchToken(text, ws, UNDERSCORE_TOKENS.get(word)!);
}

/** `:`, `=`, `：` at `at`: URL credentials, IPv6, or an assignment. Returns the resume index or -1. */
function operatorAt(text: string, at: number, out: Hit[]): number {
  let h: Hit | null = null;
  if (text.charCodeAt(at) === 0x3a) {
    if (text.startsWith('//', at + 1)) {
      h = text.startsWith('hooks.slack.com/', at + 3) ? matchToken(text, at + 3, ANCHORED_TOKENS.get('hooks.slack.com')!) : urlCredentialsAt(text, at);
      if (!h) return -1;
    } else h = ipv6At(text, at);
  }
  if (h) {
    out.push(h);
    return h.end;
  }
  return assignmentAt(text, at, out);
}

/** Where the pass-1 anchor that ends at `end` starts. */
function anchorStart(text: string, end: number, floor: number): number {
  const last = text.charCodeAt(end - 1);
  if (last >= 0x30 && last <= 0x39) {
    let i = end - 1;
    while (i > floor && text.charCodeAt(i - 1) >= 0x30 && text.charCodeAt(i - 1) <= 0x39) i--;
    return i;
  }
  return end - 1;
}

/**
 * Runs both pre-scan passes over `text` and every validator on the candidates they anchor.
 *
 * @example
 * scanText('mail: a@example.com, card 4111 1111 1111 1111'); // [{ detector: 'email', ... }, { detector: 'credit_card', ... }]
 */
export function scanText(text: string): Hit[] {
  resetContextCache();
  try {
    return scan(text);
  } finally {
    resetContextCache();
  }
}

function scan(text: string): Hit[] {
  const hits: Hit[] = [];
  const nextAnchor = pass1Finder(text);
  let floor = 0;
  // Anchors are found by their end (no match array); the start is recovered from it.
  let end = nextAnchor(text, 0);
  while (end >= 0) {
    const at = anchorStart(text, end, floor);
    const c = text.charCodeAt(at);
    let next = end;
    const isDigit = (c >= 0x30 && c <= 0x39) || (c >= 0xff10 && c <= 0xff19);
    if (isDigit) {
      next = Math.max(scanNumeric(text, at, floor, hits), at + 1);
    } else {
      let h: Hit | null;
      if (c === 0x3d || c === 0x3a || c === 0xff1a) {
        const resume = operatorAt(text, at, hits);
        h = null;
        if (resume >= 0) next = Math.max(resume, at + 1);
      } else if (c === 0x40 || c === 0xff20) h = emailAt(text, at);
      else if (c === 0x5f) h = underscoreAt(text, at);
      else if (c === 0x2d) h = dashAt(text, at);
      else if (c === 0x79d8 || c === 0x3299) h = hiMarkingAt(text, at);
      else if (c === 0x6a5f) h = kimitsuMarkingAt(text, at);
      else h = handlingMarkingAt(text, at);
      if (h) {
        hits.push(h);
        next = Math.max(h.end, at + 1);
      }
    }
    // Digits already read by a cluster or a hit are not read again; an anchor that found nothing
    // leaves them to the next cluster (the `-` of `+1-984-…`).
    if (next > end || isDigit) floor = next;
    end = nextAnchor(text, next);
  }
  forEachRare(text, (at, literal) => {
    const h = rareAt(text, at, literal);
    if (!h) return -1;
    hits.push(h);
    return h.end;
  });
  return hits;
}
