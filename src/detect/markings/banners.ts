import { lineAt } from '../context.js';
import type { Hit } from '../types.js';

const isWord = (ch: string | undefined) => ch !== undefined && /[A-Za-z0-9_]/.test(ch);
const BANNER_LINE = /^[A-Z0-9 /\-–—().,!*#|]+$/;
const CLASSIFICATION = /classification\s*[:：]\s*$|classified\s*[:：]\s*$|class\s*[:：]\s*$/i;

const DETECTOR: Readonly<Record<string, string>> = {
  'TOP SECRET': 'marking.top_secret',
  SECRET: 'marking.secret',
  CONFIDENTIAL: 'marking.confidential',
  Confidential: 'marking.confidential',
  RESTRICTED: 'marking.restricted',
  FOUO: 'marking.fouo',
  'FOR OFFICIAL USE ONLY': 'marking.fouo',
  'For Official Use Only': 'marking.fouo',
  CUI: 'marking.cui',
  'Controlled Unclassified Information': 'marking.cui',
  'CONTROLLED UNCLASSIFIED INFORMATION': 'marking.cui',
};

/**
 * The banner words the pre-scan looks for (case-sensitive).
 *
 * @example
 * BANNER_WORDS.includes('TOP SECRET'); // true
 */
export const BANNER_WORDS: readonly string[] = Object.keys(DETECTOR);

/**
 * An English classification marking `word` found at `at`: a banner line (`TOP SECRET//NOFORN`,
 * `CONFIDENTIAL`), a portion/caveat form (`U//FOUO`, `CUI//SP-PRVCY`), or after "Classification:".
 * The word inside a sentence or an identifier (`SECRET_KEY`, "a secret") is not a marking.
 *
 * @example
 * bannerAt('TOP SECRET//NOFORN\nReport', 0, 'TOP SECRET'); // { detector: 'marking.top_secret', ... }
 */
export function bannerAt(text: string, at: number, word: string): Hit | null {
  const end = at + word.length;
  if (isWord(text[at - 1]) || isWord(text[end])) return null;
  if (word === 'SECRET' && text.slice(Math.max(0, at - 4), at) === 'TOP ') return null;
  const detector = DETECTOR[word]!;
  const hit = (confidence: number): Hit => ({ detector, start: at, end, confidence });
  if (text.startsWith('//', end) || text.slice(Math.max(0, at - 2), at) === '//') return hit(0.95);
  const { line, start } = lineAt(text, at, 200);
  const trimmed = line.trim();
  // A banner line: all capitals, and the marking opens it or the line is short (not capitals prose).
  if (BANNER_LINE.test(trimmed) && (trimmed.length <= 40 || (trimmed.startsWith(word) && trimmed.length <= 80))) return hit(0.95);
  if (CLASSIFICATION.test(text.slice(Math.max(0, at - 24), at))) return hit(0.95);
  if (word === 'FOUO' || word.length > 20) return hit(0.9);
  const head = line.slice(0, at - start).trim();
  const rest = line.slice(end - start);
  if (word === 'Confidential' || word === 'CONFIDENTIAL') {
    // A header such as "Strictly Confidential – Internal" or "Company Confidential".
    if (/^(?:strictly|company|highly|business|\W*)$/i.test(head) && /^\s*(?:$|[-–—:|/(])/.test(rest)) return hit(0.8);
  }
  if (word === 'TOP SECRET' && head === '') return hit(0.85);
  return null;
}
