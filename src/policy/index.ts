import type { LabelTaxonomy } from '../core/index.js';
import { DEFAULT_POLICY } from './default-policy.js';
import { createPolicyEngine, type CompiledPolicy, type PolicyEngineOptions } from './engine.js';

export { policyConfigSchema, ruleSchema, policyLabelIssues, refinePolicyLabels, type PolicyConfig, type PolicyRule } from './config.js';
export { conditionsSchema, CONDITION_NAMES, type Conditions } from './condition-schema.js';
export { parseSize } from './entry-schema.js';
export type { PolicyInput, PolicyEngine, Outcome } from './input.js';
export { createPolicyEngine, applyMode, type CompiledPolicy, type CompiledRule, type PolicyEngineOptions } from './engine.js';
export { explainDecision, type Explanation, type RuleExplanation } from './explain.js';
export { DEFAULT_POLICY, DEFAULT_POLICY_YAML, effectivePolicy } from './default-policy.js';
export { destinationOf } from './conditions/transfer.js';
export { describeConditions } from './describe.js';
export { policyWarnings } from './warnings.js';

/**
 * The shipped default policy (see DEFAULT_POLICY_YAML): c2 and above only to approved destinations
 * (none by default), no uninspectable content to unknown ones, quarantined hosts send nothing.
 *
 * @example
 * defaultPolicyEngine(taxonomy).decide(input).action; // 'block' for c2 content to an unlisted host
 */
export function defaultPolicyEngine(taxonomy: LabelTaxonomy, options?: PolicyEngineOptions): CompiledPolicy {
  return createPolicyEngine(DEFAULT_POLICY, taxonomy, options);
}
