import type { Entity } from '../core/index.js';
import type { DetectorSet } from './index.js';

/**
 * Characters scanned on each side of a range. Every built-in detector decides from at most 64 KB of text
 * after an entity's start (a PEM private-key block) plus 4 KB of look-around (a service-account file), so an
 * entity that starts inside the range is found, and judged, exactly as in the whole text.
 */
export const RANGE_MARGIN_CHARS = 72 * 1024;

/**
 * The entities of `text` that start in `[from, to)`, with offsets in `text`, as `set.detect(text)` would
 * find them: the range and a margin on each side are scanned, and entities starting outside the range are
 * left to whoever scans that part. Disjoint ranges covering a text together give its whole detection, so a
 * long text can be detected on several threads at once.
 *
 * @example
 * const half = Math.floor(text.length / 2);
 * [...detectRange(set, text, 0, half), ...detectRange(set, text, half, text.length)]; // = set.detect(text)
 */
export function detectRange(set: Pick<DetectorSet, 'detect'>, text: string, from: number, to: number): Entity[] {
  if (from <= 0 && to >= text.length) return set.detect(text);
  const lo = Math.max(0, from - RANGE_MARGIN_CHARS);
  const hi = Math.min(text.length, to + RANGE_MARGIN_CHARS);
  const out: Entity[] = [];
  for (const e of set.detect(text.slice(lo, hi))) {
    const start = e.start + lo;
    if (start >= from && start < to) out.push({ ...e, start, end: e.end + lo });
  }
  return out;
}
