import type { LabelTaxonomy } from '../core/index.js';
import type { IncidentSeverity } from '../store/index.js';

const LEVELS: readonly IncidentSeverity[] = ['low', 'medium', 'high', 'critical'];

/** What severity is computed from. */
export interface SeverityInput {
  readonly topLabel: string;
  readonly documents: number;
  /** Something actually left: an allowed upload of a sensitive document, or unexplained volume to a flagged destination. */
  readonly leaked: boolean;
  /** The strongest network finding, if any. */
  readonly networkSeverity: IncidentSeverity | null;
}

/** Rank of a severity, 0 (low) .. 3 (critical). */
export function severityRank(s: string): number {
  return Math.max(0, LEVELS.indexOf(s as IncidentSeverity));
}

/**
 * Points, then a level: the label's position in the taxonomy (0 for the lowest, 2 for the highest), +1 when
 * something left, +1 for many documents, +1 for high or critical network evidence. 0 → low, 1 → medium,
 * 2–3 → high, 4+ → critical; a leak of the highest label is never below critical, and the incident is never
 * below its strongest network finding.
 *
 * @example
 * incidentSeverity(taxonomy, { topLabel: 'c2', documents: 20, leaked: true, networkSeverity: 'high' }, 10); // 'critical'
 */
export function incidentSeverity(taxonomy: LabelTaxonomy, input: SeverityInput, manyDocuments: number): IncidentSeverity {
  const labels = taxonomy.labels;
  const idx = Math.max(0, labels.findIndex((l) => l.id === input.topLabel));
  const labelPoints = labels.length <= 1 ? 0 : Math.round((2 * idx) / (labels.length - 1));
  let points = labelPoints;
  if (input.leaked) points += 1;
  if (input.documents >= manyDocuments) points += 1;
  if (input.networkSeverity && severityRank(input.networkSeverity) >= 2) points += 1;
  let level = points >= 4 ? 3 : points >= 2 ? 2 : points;
  if (input.leaked && labelPoints === 2) level = 3;
  if (input.networkSeverity) level = Math.max(level, severityRank(input.networkSeverity));
  return LEVELS[level]!;
}
