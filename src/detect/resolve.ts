import type { Hit } from './types.js';

const WEAK_SECRET = new Set(['secret.keyword_assignment', 'secret.generic_high_entropy']);
const isSpecificSecret = (h: Hit) => h.detector.startsWith('secret.') && !WEAK_SECRET.has(h.detector);

/**
 * Orders hits by offset and drops the ones another hit explains: anything inside a key block or a
 * specific token (digits inside a private key are not phone numbers), and a generic secret finding on
 * the same span as a specific one.
 *
 * @example
 * resolveHits([{ detector: 'secret.jwt', start: 0, end: 90, confidence: 0.9 }, { detector: 'phone', start: 40, end: 50, confidence: 0.7 }]);
 * // [{ detector: 'secret.jwt', ... }]
 */
export function resolveHits(hits: Hit[]): Hit[] {
  hits.sort((a, b) => a.start - b.start || b.end - a.end);
  const out: Hit[] = [];
  let cover: Hit | null = null;
  for (const h of hits) {
    if (cover && h.start < cover.end && h !== cover) {
      const inside = h.end <= cover.end;
      if (inside || WEAK_SECRET.has(h.detector)) continue;
    }
    const last = out[out.length - 1];
    if (last && isSpecificSecret(h) && WEAK_SECRET.has(last.detector) && h.start < last.end) out.pop();
    out.push(h);
    if (isSpecificSecret(h) && (!cover || h.end > cover.end)) cover = h;
  }
  return out;
}
