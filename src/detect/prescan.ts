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
 * Pass 1 anchors: digit runs, `@`, assignment operators, `_` and `-` of token prefixes, and the first
 * characters of Japanese markings. Characters that start no alternative are skipped by the regex engine's
 * quick check, so ordinary prose is touched once.
 *
 * Every anchor costs a return from the regex engine to JavaScript, and `-` and `_` are frequent in prose and
 * code (a third of all anchors in /usr/share/doc). They are reported only after a token prefix at a word
 * start (`xoxb-`, `glpat-`, `sk-`, `ghp_`, `npm_`, `service_`): the same first condition dashAt and
 * underscoreAt check, now evaluated inside the engine by a look-behind placed after the anchor character,
 * so the quick check still applies. A `-` or `_` those handlers reject has no effect on the scan (it
 * neither consumes digits nor moves the cluster floor), so leaving it out gives the same hits.
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

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Pass 2 anchors: case-sensitive literal prefixes of tokens, key blocks and English banners. */
const RARE = new RegExp(
  [
    '-----BEGIN ',
    '(?:AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{4}',
    'AIza',
    'eyJ',
    'SG\\.',
    'SK[0-9a-fA-F]{8}',
    'GR1348941',
    'AccountKey=',
    'SharedAccessKey=',
    '&sig=',
    ...[...BANNER_WORDS].sort((a, b) => b.length - a.length).map(escape),
  ].join('|'),
  'g',
);

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

// First letters of the prefixes: most words are rejected before any string is cut out.
const DASH_FIRST = new Set([...DASH_PREFIX.keys()].map((k) => k.charCodeAt(0)));
const UNDERSCORE_FIRST = new Set([...UNDERSCORE_TOKENS.keys(), 'service'].map((k) => k.charCodeAt(0)));

function dashAt(text: string, at: number): Hit | null {
  let ws = at;
  while (ws > 0 && at - ws < 7) {
    const c = text.charCodeAt(ws - 1);
    if (c < 0x61 || c > 0x7a) break;
    ws--;
  }
  if (ws === at || !DASH_FIRST.has(text.charCodeAt(ws))) return null;
  const key = DASH_PREFIX.get(text.slice(ws, at));
  return key ? matchToken(text, ws, ANCHORED_TOKENS.get(key)!) : null;
}

function underscoreAt(text: string, at: number): Hit | null {
  let ws = at;
  while (ws > 0 && at - ws < 7) {
    const c = text.charCodeAt(ws - 1);
    if (!((c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a))) break;
    ws--;
  }
  if (!UNDERSCORE_FIRST.has(text.charCodeAt(ws))) return null;
  const word = text.slice(ws, at);
  if (word === 'service') return text.startsWith('account', at + 1) ? serviceAccountAt(text, ws) : null;
  const rules = UNDERSCORE_TOKENS.get(word);
  return rules ? matchToken(text, ws, rules) : null;
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

/** Where the COMMON anchor that ends at `end` starts. */
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
  const rx = new RegExp(COMMON.source, 'g');
  let floor = 0;
  // test() instead of exec(): no match array per anchor; the anchor's start is recovered from its end.
  while (rx.test(text)) {
    const end = rx.lastIndex;
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
    rx.lastIndex = next;
    // Digits already read by a cluster or a hit are not read again; an anchor that found nothing
    // leaves them to the next cluster (the `-` of `+1-984-…`).
    if (next > end || isDigit) floor = next;
  }
  const rare = new RegExp(RARE.source, 'g');
  for (let m = rare.exec(text); m; m = rare.exec(text)) {
    const h = rareAt(text, m.index, m[0]);
    if (h) {
      hits.push(h);
      rare.lastIndex = Math.max(h.end, m.index + 1);
    }
  }
  return hits;
}
