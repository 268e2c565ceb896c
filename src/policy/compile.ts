import type { Conditions } from './condition-schema.js';
import { documentCheck, labelCheck, unscannableCheck } from './conditions/content.js';
import { detectorCheck } from './conditions/detector.js';
import { clientCheck, destinationCheck, quarantinedCheck, sizeCheck, valueCheck } from './conditions/transfer.js';
import type { Check, CompileEnv, Outcome, PolicyInput } from './input.js';

/** A compiled `when:` block: all its conditions, each evaluated on its own for explanations. */
export interface CompiledBlock {
  readonly checks: readonly Check[];
  /** Short-circuits: stops at the first condition that does not hold. */
  matches(input: PolicyInput): Outcome[] | undefined;
  /** Evaluates every condition. */
  explain(input: PolicyInput): Outcome[];
}

/**
 * Compiles a `when:` block into checks, in the order conditions are listed in the docs (cheap ones first).
 *
 * @example
 * compileBlock({ label: { atLeast: 'c2' } }, env).matches(input); // [{ condition: 'label', matched: true, why: 'label c3 is at least c2' }]
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
    matches(input) {
      const out: Outcome[] = [];
      for (const c of checks) {
        const o = c.test(input);
        if (!o.matched) return undefined;
        out.push(o);
      }
      return out;
    },
    explain: (input) => checks.map((c) => c.test(input)),
  };
}

function notCheck(block: CompiledBlock): Check {
  return {
    condition: 'not',
    test(input) {
      const outcomes = block.explain(input);
      const inner = outcomes.every((o) => o.matched);
      // Why "not" holds: the inner conditions that failed; why it fails: all of them held.
      const shown = inner ? outcomes : outcomes.filter((o) => !o.matched);
      return { condition: 'not', matched: !inner, why: shown.map((o) => o.why).join('; ') };
    },
  };
}

function anyCheck(blocks: readonly CompiledBlock[]): Check {
  return {
    condition: 'any',
    test(input) {
      for (const b of blocks) {
        const hit = b.matches(input);
        if (hit) return { condition: 'any', matched: true, why: hit.map((o) => o.why).join('; ') };
      }
      const firsts = blocks.map((b) => b.explain(input).find((o) => !o.matched)?.why ?? '').filter(Boolean);
      return { condition: 'any', matched: false, why: `none of: ${firsts.join(' | ')}` };
    },
  };
}
