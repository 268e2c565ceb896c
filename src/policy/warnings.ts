import type { Conditions } from './condition-schema.js';
import type { PolicyConfig } from './config.js';

/**
 * Things in a valid policy that are probably not what its author meant: rules no input can reach
 * (after a rule that matches everything), lists nobody uses, rules that refer to empty lists.
 *
 * @example
 * policyWarnings(effectivePolicy(config.policy).policy); // ['list "approved" is empty: ...']
 */
export function policyWarnings(policy: PolicyConfig): string[] {
  const out: string[] = [];
  const catchAll = policy.rules.findIndex((r) => Object.keys(r.when).length === 0);
  if (catchAll >= 0 && catchAll < policy.rules.length - 1) {
    const shadowed = policy.rules.slice(catchAll + 1).map((r) => r.id);
    out.push(`rule "${policy.rules[catchAll]!.id}" matches everything, so ${shadowed.map((id) => `"${id}"`).join(', ')} and the default rule are never reached`);
  }
  const used = new Set<string>();
  for (const r of policy.rules) collectLists(r.when, used);
  for (const [name, entries] of Object.entries(policy.lists)) {
    if (!used.has(name)) out.push(`list "${name}" is defined but no rule uses it`);
    else if (entries.length === 0) out.push(`list "${name}" is empty: rules that allow destinations in it match no destination yet`);
  }
  return out;
}

function collectLists(when: Conditions, into: Set<string>): void {
  if (when.destination?.list !== undefined) into.add(when.destination.list);
  when.destination?.lists?.forEach((n) => into.add(n));
  if (when.not) collectLists(when.not, into);
  when.any?.forEach((b) => collectLists(b, into));
}
