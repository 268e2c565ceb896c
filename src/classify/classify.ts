import type { DocMatch, Finding, LabelId, LabelTaxonomy, Reason, SensitivityLabelMeta } from '../core/index.js';
import type { FingerprintConfig } from '../fingerprint/config.js';
import type { ClassifyConfig } from './config.js';

/** What an inspection found, before it has a label. */
export interface Evidence {
  readonly findings: readonly Finding[];
  readonly matches: readonly DocMatch[];
  readonly sensitivityLabels: readonly SensitivityLabelMeta[];
  readonly unscannable: boolean;
  readonly unscannableReasons: readonly string[];
}

export interface Classification {
  readonly label: LabelId;
  /** Every piece of evidence that pointed above the lowest label, highest first; `decisive` ones set the label. */
  readonly reasons: Reason[];
}

const PERSONAL: ReadonlySet<string> = new Set(['pii', 'financial']);

/**
 * Evidence → label, with the reasons. The label is the highest any evidence points to.
 *
 * @example
 * classify({ findings, matches: [], sensitivityLabels: [], unscannable: false, unscannableReasons: [] }, config.classify, config.fingerprint, taxonomy);
 * // { label: 'c2', reasons: [{ label: 'c2', kind: 'pii', message: '3 × jp.my_number' }] }
 */
export function classify(evidence: Evidence, config: ClassifyConfig, fp: FingerprintConfig, taxonomy: LabelTaxonomy): Classification {
  const reasons: Reason[] = [];
  const known = (id: LabelId): LabelId => (taxonomy.has(id) ? id : taxonomy.labels[taxonomy.labels.length - 1]!.id);

  const personal = evidence.findings.filter((f) => PERSONAL.has(f.category));
  const personalCount = personal.reduce((n, f) => n + f.count, 0);
  if (personalCount >= config.piiCountForC2) {
    for (const f of personal) reasons.push({ label: known(f.label), kind: 'pii', message: `${f.count} × ${f.detector}` });
  }
  for (const f of evidence.findings) {
    if (f.category === 'marking') reasons.push({ label: known(f.label), kind: 'marking', message: `marking ${f.detector} (${f.samples[0] ?? ''})` });
    else if (f.category === 'secret') reasons.push({ label: known(config.secretLabel), kind: 'secret', message: `${f.count} × ${f.detector}` });
    else if (f.category === 'custom') reasons.push({ label: known(f.label), kind: 'custom', message: `${f.count} × ${f.detector}` });
  }
  for (const s of evidence.sensitivityLabels) {
    const mapped = mapSensitivityLabel(s.name, config.sensitivityLabelMap);
    if (mapped) reasons.push({ label: known(mapped), kind: 'metadata', message: `sensitivity label "${s.name}"` });
  }
  for (const m of evidence.matches) {
    if (m.longestRunChars >= fp.minRunChars || m.coverage >= fp.minCoverage) {
      reasons.push({
        label: known(m.label),
        kind: 'document',
        message: `registered document ${m.path} (${Math.round(m.coverage * 100)}% coverage, run of ${m.longestRunChars} chars)`,
      });
    }
  }
  if (evidence.unscannable) {
    reasons.push({ label: taxonomy.lowest, kind: 'unscannable', message: `unscannable: ${evidence.unscannableReasons.join('; ') || 'unknown reason'}` });
  }

  let label = taxonomy.lowest;
  for (const r of reasons) label = taxonomy.max(label, r.label);
  reasons.sort((a, b) => taxonomy.rank(b.label) - taxonomy.rank(a.label));
  if (reasons.length === 0) reasons.push({ label, kind: 'default', message: 'nothing sensitive found' });
  return { label, reasons };
}

function mapSensitivityLabel(name: string, map: Record<string, string>): LabelId | undefined {
  const lower = name.toLowerCase();
  // Longest key first: "highly confidential" must win over "confidential".
  const keys = Object.keys(map).sort((a, b) => b.length - a.length);
  const key = keys.find((k) => lower.includes(k.toLowerCase()));
  return key === undefined ? undefined : map[key];
}
