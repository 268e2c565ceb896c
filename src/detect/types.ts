import type { DetectorCategory, LabelId } from '../core/index.js';

/** What a detector is, for reports and classification. */
export interface DetectorInfo {
  readonly id: string;
  readonly category: DetectorCategory;
  /** Label that this detector's evidence points to. */
  readonly label: LabelId;
  readonly description: string;
  /** Words (Japanese and English) that raise confidence when found near a candidate. */
  readonly contextWords: readonly string[];
  /** Whether a check digit or structural validator confirms candidates. */
  readonly validated: boolean;
}

/** A span found by a scanner before filtering: detector id, offsets into the original text, confidence. */
export interface Hit {
  readonly detector: string;
  readonly start: number;
  readonly end: number;
  readonly confidence: number;
}

/** Where scanners put what they find. */
export type Emit = (detector: string, start: number, end: number, confidence: number) => void;
