import type { LabelDef, LabelId } from './types.js';

/** The default taxonomy, after the Japanese government unified standards (政府機関等の対策基準). */
export const DEFAULT_LABELS: readonly LabelDef[] = Object.freeze([
  { id: 'c1', name: '機密性1', rank: 1, description: 'public or unrestricted' },
  { id: 'c2', name: '機密性2 (要機密)', rank: 2, description: "leak could infringe citizens' rights or impede administrative affairs" },
  { id: 'c3', name: '機密性3 (秘密文書相当)', rank: 3, description: 'secret documents' },
]);

/**
 * Ordered label taxonomy with comparison helpers.
 *
 * @example
 * const t = new LabelTaxonomy(DEFAULT_LABELS);
 * t.max('c1', 'c3'); // 'c3'
 * t.atLeast('c2', 'c2'); // true
 */
export class LabelTaxonomy {
  readonly labels: readonly LabelDef[];
  private readonly byId: Map<LabelId, LabelDef>;
  constructor(labels: readonly LabelDef[] = DEFAULT_LABELS) {
    this.labels = [...labels].sort((a, b) => a.rank - b.rank);
    this.byId = new Map(this.labels.map((l) => [l.id, l]));
  }
  /** The lowest label (nothing sensitive). */
  get lowest(): LabelId {
    return this.labels[0]!.id;
  }
  has(id: LabelId): boolean {
    return this.byId.has(id);
  }
  get(id: LabelId): LabelDef | undefined {
    return this.byId.get(id);
  }
  rank(id: LabelId): number {
    return this.byId.get(id)?.rank ?? 0;
  }
  max(a: LabelId, b: LabelId): LabelId {
    return this.rank(b) > this.rank(a) ? b : a;
  }
  atLeast(id: LabelId, floor: LabelId): boolean {
    return this.rank(id) >= this.rank(floor);
  }
}
