// PLACEHOLDER until the policy engine lands: blocks c2 and above and unscannable content.
import type { Finding, DocMatch, InspectContext, LabelId, LabelTaxonomy, Verdict } from '../core/index.js';

export { policyConfigSchema, type PolicyConfig } from './config.js';

/** Everything a policy may look at. */
export interface PolicyInput {
  readonly label: LabelId;
  readonly unscannable: boolean;
  readonly findings: readonly Finding[];
  readonly matches: readonly DocMatch[];
  readonly bytes: number;
  readonly context: InspectContext;
}

export interface PolicyEngine {
  decide(input: PolicyInput): Verdict;
}

/**
 * The simple default: block at c2 and above, and content that could not be inspected.
 *
 * @example
 * defaultPolicyEngine(taxonomy).decide(input).action; // 'block'
 */
export function defaultPolicyEngine(taxonomy: LabelTaxonomy): PolicyEngine {
  return {
    decide(input) {
      if (taxonomy.atLeast(input.label, 'c2')) return { action: 'block', rule: 'default-block-c2', reason: `label ${input.label} is c2 or above` };
      if (input.unscannable) return { action: 'block', rule: 'default-block-unscannable', reason: 'content could not be inspected' };
      return { action: 'allow', rule: 'default-allow', reason: 'nothing sensitive found' };
    },
  };
}
