import type { Action, Verdict } from '../core/index.js';
import type { CompiledPolicy } from './engine.js';
import type { Outcome, PolicyInput } from './input.js';

/** One rule's evaluation for `mamori inspect`: whether it matched, whether it decided, and why. */
export interface RuleExplanation {
  readonly id: string;
  readonly action: Action;
  readonly description: string | undefined;
  readonly matched: boolean;
  /** The rule that decided (the first match, or the default rule when none matched). */
  readonly fired: boolean;
  readonly conditions: readonly Outcome[];
}

export interface Explanation {
  readonly verdict: Verdict;
  readonly mode: 'enforce' | 'monitor';
  readonly rules: readonly RuleExplanation[];
}

/**
 * Evaluates every rule (not just up to the first match) and says for each condition why it held or not.
 * The last entry is the default rule.
 *
 * @example
 * const { verdict, rules } = explainDecision(policy, input);
 * rules.filter((r) => r.matched).map((r) => r.id); // ['sensitive-to-unapproved', 'sensitive-to-approved']
 */
export function explainDecision(policy: CompiledPolicy, input: PolicyInput): Explanation {
  const verdict = policy.decide(input);
  let decided = false;
  const rules: RuleExplanation[] = policy.rules.map((rule) => {
    const conditions = rule.block.explain(input);
    const matched = conditions.every((c) => c.matched);
    const fired = matched && !decided;
    if (fired) decided = true;
    return { id: rule.id, action: rule.action, description: rule.description, matched, fired, conditions };
  });
  const d = policy.defaultRule;
  rules.push({ id: d.id, action: d.action, description: d.description, matched: true, fired: !decided, conditions: [] });
  return { verdict, mode: policy.mode, rules };
}
