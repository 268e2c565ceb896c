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
 * Pass 1 anchors: digit runs, `@`, assignment operators, `_` (token prefixes) and the first characters of
 * Japanese markings. Characters that start no alternative are skipped by the regex engine's quick check,
 * so ordinary prose is touched once.
 */
const COMMON = /[0-9]{2,}|[@＠０-９=:：_秘㊙]|機密|取り?扱|関係者限/g;

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Pass 2 anchors: case-sensitive literal prefixes of tokens, key blocks and English banners. */
const RARE = new RegExp(
  [
    '-----BEGIN ',
    '(?:AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{4}',
    'AIza',
    'eyJ',
    'xox[baprse]-',
    'xapp-',
    'hooks\\.slack\\.com',
    'SG\\.',
    'SK[0-9a-fA-F]{8}',
    'gl(?:pat|ptt|dt|rt|cbt|imt|soat|ft)-',
    'GR1348941',
    'pypi-',
    'sk-',
    'AccountKey=',
    'SharedAccessKey=',
    '&sig=',
    'service_account',
    ...[...BANNER_WORDS].sort((a, b) => b.length - a.length).map(escape),
  ].join('|'),
  'g',
);

const ANCHOR_KEYS = [...ANCHORED_TOKENS.keys()];

function rareAt(text: string, at: number, found: string): Hit | null {
  const c = found.charCodeAt(0);
  if (found.startsWith('-----BEGIN')) return privateKeyAt(text, at);
  if (found === 'AccountKey=' || found === 'SharedAccessKey=' || found === '&sig=') return azureAt(text, at);
  if (found === 'service_account') return serviceAccountAt(text, at);
  if (c >= 0x41 && c <= 0x5a && BANNER_WORDS.includes(found)) return bannerAt(text, at, found);
  const key = ANCHOR_KEYS.find((k) => found.startsWith(k)) ?? (found.startsWith('AS') || found.startsWith('AB') || found.startsWith('AC') ? 'AKIA' : undefined);
  return key ? matchToken(text, at, ANCHORED_TOKENS.get(key)!) : null;
}

function underscoreAt(text: string, at: number): Hit | null {
  let ws = at;
  while (ws > 0 && at - ws < 7 && /[A-Za-z]/.test(text[ws - 1]!)) ws--;
  const rules = UNDERSCORE_TOKENS.get(text.slice(ws, at));
  return rules ? matchToken(text, ws, rules) : null;
}

function operatorAt(text: string, at: number): Hit[] {
  if (text.charCodeAt(at) === 0x3a) {
    if (text.startsWith('//', at + 1)) {
      const url = urlCredentialsAt(text, at);
      return url ? [url] : [];
    }
    const v6 = ipv6At(text, at);
    if (v6) return [v6];
  }
  return assignmentAt(text, at);
}

/**
 * Runs both pre-scan passes over `text` and every validator on the candidates they anchor.
 *
 * @example
 * scanText('mail: a@example.com, card 4111 1111 1111 1111'); // [{ detector: 'email', ... }, { detector: 'credit_card', ... }]
 */
export function scanText(text: string): Hit[] {
  const hits: Hit[] = [];
  const rx = new RegExp(COMMON.source, 'g');
  let floor = 0;
  for (let m = rx.exec(text); m; m = rx.exec(text)) {
    const at = m.index;
    const c = text.charCodeAt(at);
    let next = at + m[0].length;
    if ((c >= 0x30 && c <= 0x39) || (c >= 0xff10 && c <= 0xff19)) {
      const r = scanNumeric(text, at, floor);
      for (const h of r.hits) hits.push(h);
      next = Math.max(r.next, at + 1);
    } else {
      let h: Hit | null;
      if (c === 0x3d || c === 0x3a || c === 0xff1a) {
        const found = operatorAt(text, at);
        for (const f of found) hits.push(f);
        h = null;
        if (found.length > 0) next = Math.max(found[found.length - 1]!.end, at + 1);
      } else if (c === 0x40 || c === 0xff20) h = emailAt(text, at);
      else if (c === 0x5f) h = underscoreAt(text, at);
      else if (c === 0x79d8 || c === 0x3299) h = hiMarkingAt(text, at);
      else if (c === 0x6a5f) h = kimitsuMarkingAt(text, at);
      else h = handlingMarkingAt(text, at);
      if (h) {
        hits.push(h);
        next = Math.max(h.end, at + 1);
      }
    }
    rx.lastIndex = next;
    floor = next;
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
