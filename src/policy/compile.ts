import type { Conditions } from './condition-schema.js';
import { documentCheck, labelCheck, unscannableCheck } from './conditions/content.js';
import { detectorCheck } from './conditions/detector.js';
import { clientCheck, destinationCheck, quarantinedCheck, sizeCheck, valueCheck } from './conditions/transfer.js';
import type { Check, CompileEnv, Outcome, PolicyInput } from './input.js';

/** A compiled `when:` block: all its conditions, each evaluated on its own for explanations. */
export interface CompiledBlock {
  readonly checks: readonly Check[];
  /** True when every condition holds; stops at the first that does not. */
  holds(input: PolicyInput): boolean;
  /** Evaluates every condition, with its wording. */
  explain(input: PolicyInput): Outcome[];
}

/**
 * Compiles a `when:` block into checks, in the order conditions are listed in the docs (cheap ones first).
 *
 * @example
 * compileBlock({ label: { atLeast: 'c2' } }, env).explain(input); // [{ condition: 'label', matched: true, why: 'label c3 is at least c2' }]
 */
export function compileBlock(when: Conditions, env: CompileEnv): CompiledBlock {
  const checks: Check[] = [];
  const at = (name: string): CompileEnv => ({ ...env, where: `${env.where}.${name}` });
  if (when.channel) checks.push(valueCheck('channel', when.channel));
  if (when.method) checks.push(valueCheck('method', when.method));
  if (when.user) checks.push(valueCheck('user', when.user));
  if (when.client) checks.push(clientCheck(when.client, at('client')));
  if (when.quarantined !== undefined) checks.push(quarantinedCheck(when.quarantined, env));
  if (when.size) checks.push(sizeCheck(when.size));
  if (when.unscannable !== undefined) checks.push(unscannableCheck(when.unscannable));
  if (when.label) checks.push(labelCheck(when.label, at('label')));
  if (when.detector || when.category) checks.push(detectorCheck(when, env));
  if (when.document) checks.push(documentCheck(when.document, env));
  if (when.destination) checks.push(destinationCheck(when.destination, at('destination')));
  if (when.not) checks.push(notCheck(compileBlock(when.not, at('not'))));
  if (when.any) checks.push(anyCheck(when.any.map((b, i) => compileBlock(b, at(`any.${i}`)))));
  return {
    checks,
    holds: (input) => checks.every((c) => c.holds(input)),
    explain: (input) => checks.map((c) => outcome(c, input)),
  };
}

function outcome(check: Check, input: PolicyInput): Outcome {
  const matched = check.holds(input);
  return { condition: check.condition, matched, why: check.why(input, matched) };
}

function notCheck(block: CompiledBlock): Check {
  return {
    condition: 'not',
    holds: (input) => !block.holds(input),
    why(input, matched) {
      // Why "not" holds: the inner conditions that failed; why it fails: all of them held.
      const outcomes = block.explain(input);
      return (matched ? outcomes.filter((o) => !o.matched) : outcomes).map((o) => o.why).join('; ');
    },
  };
}

function anyCheck(blocks: readonly CompiledBlock[]): Check {
  return {
    condition: 'any',
    holds: (input) => blocks.some((b) => b.holds(input)),
    why(input) {
      const hit = blocks.find((b) => b.holds(input));
      if (hit) return hit.explain(input).map((o) => o.why).join('; ');
      const firsts = blocks.map((b) => b.explain(input).find((o) => !o.matched)?.why ?? '').filter(Boolean);
      return `none of: ${firsts.join(' | ')}`;
    },
  };
}
