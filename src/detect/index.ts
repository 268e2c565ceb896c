// PLACEHOLDER until the detection module lands: no detectors.
import type { DetectorCategory, Entity, Finding, LabelId } from '../core/index.js';
import type { DetectConfig } from './config.js';
import { summariseFindings } from './findings.js';

export { detectConfigSchema, customIdentifierSchema, type DetectConfig, type CustomIdentifier } from './config.js';
export { summariseFindings } from './findings.js';

/** What a detector is, for reports and classification. */
export interface DetectorInfo {
  readonly id: string;
  readonly category: DetectorCategory;
  /** Label that this detector's evidence points to. */
  readonly label: LabelId;
  readonly description: string;
}

/** The configured detectors, ready to run over text. Pure: no I/O. */
export interface DetectorSet {
  readonly detectors: readonly DetectorInfo[];
  info(id: string): DetectorInfo | undefined;
  /** Every entity in `text`, offsets as JS string indices, sorted by start. */
  detect(text: string): Entity[];
}

/**
 * Builds the detector set from config: built-in identifiers minus `disabled`, plus `custom`.
 *
 * @example
 * const set = createDetectorSet(config.detect);
 * set.detect('個人番号: 1234 5678 9018');
 */
export function createDetectorSet(_config: DetectConfig): DetectorSet {
  return { detectors: [], info: () => undefined, detect: () => [] };
}

/** Runs the set over parts and aggregates per detector, samples masked. */
export function detectFindings(set: DetectorSet, parts: readonly { path: string; text: string }[]): Finding[] {
  return summariseFindings(set, parts.map((p) => ({ path: p.path, entities: set.detect(p.text) })));
}
