import { DestinationSet, type Action, type LabelTaxonomy, type Verdict } from '../core/index.js';
import { compileBlock, type CompiledBlock } from './compile.js';
import type { PolicyConfig } from './config.js';
import { effectivePolicy } from './default-policy.js';
import type { CompileEnv, Outcome, PolicyEngine, PolicyInput } from './input.js';

export interface PolicyEngineOptions {
  /** Whether a client host is on the quarantine list (kept by the incidents module). Default: nobody is. */
  readonly isQuarantined?: (clientIp: string) => boolean;
  /** Known detector ids: when given, detector conditions that can match none of them are config errors. */
  readonly detectors?: readonly string[];
}

export interface CompiledRule {
  readonly id: string;
  readonly description: string | undefined;
  readonly action: Action;
  readonly block: CompiledBlock;
}

/** A policy ready to decide, and to say why. */
export interface CompiledPolicy extends PolicyEngine {
  readonly mode: 'enforce' | 'monitor';
  readonly rules: readonly CompiledRule[];
  readonly defaultRule: { readonly id: 'default'; readonly action: Action; readonly description: string | undefined };
  /** True when the config had no rules and the shipped default policy is in force. */
  readonly usesDefaultRules: boolean;
  readonly lists: ReadonlyMap<string, DestinationSet>;
  readonly segments: ReadonlyMap<string, DestinationSet>;
}

/**
 * Compiles the `policy:` section. Rules are tried in order and the first match decides; when none matches,
 * the default rule does. In monitor mode a block becomes an alert marked `monitored`.
 * Throws ERR_CONFIG for labels the taxonomy lacks (and unknown detectors when `options.detectors` is given).
 *
 * @example
 * const policy = createPolicyEngine(config.policy, taxonomy, { isQuarantined: (ip) => quarantine.has(ip) });
 * policy.decide(input); // { action: 'block', rule: 'sensitive-to-unapproved', reason: 'label c3 is at least c2; destination x.example is not in list approved' }
 */
export function createPolicyEngine(config: PolicyConfig, taxonomy: LabelTaxonomy, options: PolicyEngineOptions = {}): CompiledPolicy {
  const { policy, usesDefaultRules } = effectivePolicy(config);
  const lists = new Map(Object.entries(policy.lists).map(([k, v]) => [k, DestinationSet.parse(v)] as const));
  const segments = new Map(Object.entries(policy.segments).map(([k, v]) => [k, DestinationSet.parse(v)] as const));
  const base: Omit<CompileEnv, 'where'> = { taxonomy, lists, segments, isQuarantined: options.isQuarantined ?? (() => false), detectors: options.detectors };
  const rules: CompiledRule[] = policy.rules.map((r, i) => ({
    id: r.id,
    description: r.description,
    action: r.action,
    block: compileBlock(r.when, { ...base, where: `${usesDefaultRules ? 'default policy' : 'policy'} rule ${i} (${r.id})` }),
  }));
  const defaultRule = Object.freeze({ id: 'default' as const, action: policy.default?.action ?? 'allow', description: policy.default?.description });
  const mode = policy.mode;
  return Object.freeze({
    mode,
    rules: Object.freeze(rules),
    defaultRule,
    usesDefaultRules,
    lists,
    segments,
    decide(input: PolicyInput): Verdict {
      for (const rule of rules) {
        if (rule.block.holds(input)) return applyMode(mode, { action: rule.action, rule: rule.id, reason: reasonOf(rule.description, rule.block.explain(input)) });
      }
      return applyMode(mode, { action: defaultRule.action, rule: defaultRule.id, reason: defaultRule.description ?? 'no rule matched' });
    },
  });
}

function reasonOf(description: string | undefined, outcomes: readonly Outcome[]): string {
  const why = outcomes.map((o) => o.why).join('; ');
  if (!why) return description ?? 'rule matches everything';
  return description ? `${description}: ${why}` : why;
}

/**
 * Monitor mode records what would have been blocked and blocks nothing.
 *
 * @example
 * applyMode('monitor', { action: 'block', rule: 'r', reason: 'x' }); // { action: 'alert', monitored: true, reason: 'monitor mode: would block (x)', rule: 'r' }
 */
export function applyMode(mode: 'enforce' | 'monitor', verdict: Verdict): Verdict {
  if (mode !== 'monitor' || verdict.action !== 'block') return verdict;
  return { ...verdict, action: 'alert', monitored: true, reason: `monitor mode: would block (${verdict.reason})` };
}
