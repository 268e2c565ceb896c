import type { Hit } from './types.js';

const WEAK_SECRET = new Set(['secret.keyword_assignment', 'secret.generic_high_entropy']);
const isSpecificSecret = (h: Hit) => h.detector.startsWith('secret.') && !WEAK_SECRET.has(h.detector);

/**
 * Orders hits by offset and drops the ones another hit explains: anything inside a key block or a
 * specific token (digits inside a private key are not phone numbers), and a generic secret finding on
 * the same span as a specific one. Sorts and compacts `hits` in place (no second array) and returns it.
 *
 * @example
 * resolveHits([{ detector: 'secret.jwt', start: 0, end: 90, confidence: 0.9 }, { detector: 'phone', start: 40, end: 50, confidence: 0.7 }]);
 * // [{ detector: 'secret.jwt', ... }]
 */
export function resolveHits(hits: Hit[]): Hit[] {
  hits.sort((a, b) => a.start - b.start || b.end - a.end);
  // Kept hits are written back from the front: `kept` never passes the hit being read.
  let kept = 0;
  let cover: Hit | null = null;
  for (let i = 0; i < hits.length; i++) {
    const h = hits[i]!;
    if (cover && h.start < cover.end && h !== cover) {
      const inside = h.end <= cover.end;
      if (inside || WEAK_SECRET.has(h.detector)) continue;
    }
    const last = kept > 0 ? hits[kept - 1] : undefined;
    if (last && isSpecificSecret(h) && WEAK_SECRET.has(last.detector) && h.start < last.end) kept--;
    hits[kept++] = h;
    if (isSpecificSecret(h) && (!cover || h.end > cover.end)) cover = h;
  }
  hits.length = kept;
  return hits;
}
