import type { Entity, Finding } from '../core/index.js';
import { BUILTIN_DETECTORS } from './catalog.js';
import type { DetectConfig } from './config.js';
import { compileCustom } from './custom.js';
import { summariseFindings } from './findings.js';
import { scanText } from './prescan.js';
import { resolveHits } from './resolve.js';
import type { DetectorInfo, Hit } from './types.js';

export { detectConfigSchema, customIdentifierSchema, type DetectConfig, type CustomIdentifier } from './config.js';
export { summariseFindings } from './findings.js';
export { detectRange, RANGE_MARGIN_CHARS } from './range.js';
export { BUILTIN_DETECTORS } from './catalog.js';
export type { DetectorInfo } from './types.js';

/** The configured detectors, ready to run over text. Pure: no I/O. */
export interface DetectorSet {
  readonly detectors: readonly DetectorInfo[];
  info(id: string): DetectorInfo | undefined;
  /** Every entity in `text`, offsets as JS string indices, sorted by start. */
  detect(text: string): Entity[];
}

function isDisabled(id: string, disabled: readonly string[]): boolean {
  return disabled.some((d) => (d.endsWith('*') ? id.startsWith(d.slice(0, -1)) : id === d));
}

/**
 * Builds the detector set from config: built-in identifiers minus `disabled`, plus `custom`.
 * Throws `ERR_CONFIG` for a custom pattern RE2 cannot compile.
 *
 * @example
 * const set = createDetectorSet(config.detect);
 * set.detect('個人番号: 1234 5678 9018');
 */
export function createDetectorSet(config: DetectConfig): DetectorSet {
  const builtins = BUILTIN_DETECTORS.filter((d) => !isDisabled(d.id, config.disabled));
  const customs = config.custom.filter((c) => !isDisabled(c.id, config.disabled));
  const matchers = customs.map(compileCustom);
  const customInfo: DetectorInfo[] = customs.map((c) =>
    Object.freeze({ id: c.id, category: 'custom' as const, label: c.label, description: c.description ?? c.id, contextWords: Object.freeze([...c.contextWords]), validated: false }),
  );
  const detectors = Object.freeze([...builtins, ...customInfo]);
  const byId = new Map(detectors.map((d) => [d.id, d]));
  const enabled = new Set(builtins.map((d) => d.id));
  const allBuiltins = builtins.length === BUILTIN_DETECTORS.length;
  const minConfidence = config.minConfidence;
  return Object.freeze({
    detectors,
    info: (id: string) => byId.get(id),
    detect(text: string): Entity[] {
      const hits: Hit[] = enabled.size > 0 ? scanText(text) : [];
      // Disabled built-ins dropped in place: no second array when (as usual) all are enabled.
      if (!allBuiltins) {
        let kept = 0;
        for (const h of hits) if (enabled.has(h.detector)) hits[kept++] = h;
        hits.length = kept;
      }
      for (const m of matchers) for (const h of m.scan(text)) hits.push(h);
      const out: Entity[] = [];
      for (const h of resolveHits(hits)) {
        if (h.confidence < minConfidence) continue;
        out.push({ detector: h.detector, start: h.start, end: h.end, confidence: Math.round(h.confidence * 100) / 100, value: text.slice(h.start, h.end) });
      }
      return out;
    },
  });
}

/**
 * Runs the set over parts and aggregates per detector, samples masked.
 *
 * @example
 * detectFindings(set, [{ path: 'a.txt', text: 'card 4111 1111 1111 1111' }]); // [{ detector: 'credit_card', count: 1, ... }]
 */
export function detectFindings(set: DetectorSet, parts: readonly { path: string; text: string }[]): Finding[] {
  return summariseFindings(set, parts.map((p) => ({ path: p.path, entities: set.detect(p.text) })));
}
