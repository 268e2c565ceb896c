import RE2 from 're2';
import { MamoriError } from '../core/index.js';
import type { CustomIdentifier } from './config.js';
import { hasContext, resetContextCache } from './context.js';
import type { Hit } from './types.js';

/** A compiled custom identifier: its RE2 matcher and how to score a match. */
export interface CustomMatcher {
  readonly id: string;
  scan(text: string): Hit[];
}

const escapeRe2 = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** Bounds the work one identifier can do on one text: RE2 is linear, this caps the output. */
const MAX_MATCHES = 10_000;

/**
 * Compiles a custom identifier with RE2 (linear time: a hostile pattern cannot hang the process).
 * Patterns RE2 cannot compile (back-references, look-around) are a configuration error.
 *
 * @example
 * compileCustom({ id: 'custom.project', pattern: 'PRJ-\\d{4}', caseSensitive: false, label: 'c2', confidence: 0.8, contextWords: [] });
 */
export function compileCustom(def: CustomIdentifier): CustomMatcher {
  const source = def.pattern ?? (def.keywords ?? []).map(escapeRe2).join('|');
  let re: RE2;
  try {
    re = new RE2(source, def.caseSensitive ? 'gu' : 'giu');
  } catch (e) {
    throw new MamoriError('ERR_CONFIG', `detect.custom ${def.id}: pattern is not valid RE2 syntax (${(e as Error).message})`, { cause: e });
  }
  const words = def.contextWords.map((w) => w.toLowerCase());
  return Object.freeze({
    id: def.id,
    scan(text: string): Hit[] {
      const out: Hit[] = [];
      resetContextCache();
      re.lastIndex = 0;
      for (let m = re.exec(text); m && out.length < MAX_MATCHES; m = re.exec(text)) {
        if (m[0].length === 0) {
          re.lastIndex = m.index + 1;
          continue;
        }
        const start = m.index;
        const end = start + m[0].length;
        const confidence = words.length === 0 || hasContext(text, start, end, words) ? def.confidence : Math.max(0, def.confidence - 0.3);
        out.push({ detector: def.id, start, end, confidence });
      }
      resetContextCache();
      return out;
    },
  });
}
