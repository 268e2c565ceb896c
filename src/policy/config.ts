import { z } from 'zod';
import { conditionsSchema, type Conditions } from './condition-schema.js';
import { destinationEntrySchema, networkEntrySchema } from './entry-schema.js';

const ruleId = z.string().regex(/^[a-z0-9][a-z0-9_.-]*$/i, 'rule ids are letters, digits, ".", "_" and "-" (e.g. block-c2-unapproved)');
const actionSchema = z.enum(['allow', 'alert', 'block'], { error: 'action must be allow, alert (allow and record) or block' });

/**
 * One rule: an id, the conditions under `when`, and the action.
 *
 * @example
 * ruleSchema.parse({ id: 'c3-never', when: { label: { exactly: 'c3' } }, action: 'block' });
 */
export const ruleSchema = z.strictObject(
  {
    id: ruleId,
    description: z.string().optional(),
    /** Every condition must hold; an absent or empty `when` matches everything. */
    when: conditionsSchema.default({}),
    action: actionSchema,
  },
  { error: (i) => (i.code === 'unrecognized_keys' ? `unknown rule key ${i.keys.map((k) => `"${k}"`).join(', ')}; a rule has id, description, when, action` : undefined) },
);

const listName = z.string().regex(/^[a-z0-9][a-z0-9_-]*$/i, 'list names are letters, digits, "_" and "-"');

/**
 * Policy section: named destination lists and client segments defined once, rules tried in order
 * (first match wins), a default rule, and the mode. Without rules the shipped default policy applies
 * (with these lists, segments and default merged over its own).
 *
 * @example
 * policyConfigSchema.parse({ lists: { approved: ['example.go.jp'] }, rules: [{ id: 'r', when: { label: { atLeast: 'c2' } }, action: 'block' }] });
 */
export const policyConfigSchema = z
  .strictObject({
    mode: z.enum(['enforce', 'monitor'], { error: 'mode must be enforce or monitor' }).default('enforce'),
    /** Named destination lists: domains (wildcard and bare-domain semantics), IPs, CIDRs. */
    lists: z.record(listName, z.array(destinationEntrySchema)).default({}),
    /** Named client segments: IPs and CIDRs. */
    segments: z.record(listName, z.array(networkEntrySchema)).default({}),
    rules: z.array(ruleSchema).default([]),
    /** What happens when no rule matches. */
    default: z.strictObject({ action: actionSchema, description: z.string().optional() }).optional(),
  })
  .superRefine((policy, ctx) => {
    const seen = new Map<string, number>();
    policy.rules.forEach((rule, i) => {
      if (seen.has(rule.id)) ctx.addIssue({ code: 'custom', path: ['rules', i, 'id'], message: `duplicate rule id "${rule.id}" (also rule ${seen.get(rule.id)})` });
      else seen.set(rule.id, i);
      checkReferences(rule.when, ['rules', i, 'when'], policy, ctx);
    });
  });

export type PolicyConfig = z.infer<typeof policyConfigSchema>;
export type PolicyRule = z.infer<typeof ruleSchema>;

type Path = (string | number)[];
type Ctx = z.RefinementCtx;

/** Named lists and segments must be defined; the shipped default policy's lists count as defined when rules are not given. */
function checkReferences(when: Conditions, path: Path, policy: PolicyConfig, ctx: Ctx): void {
  const lists = Object.keys(policy.lists);
  const segments = Object.keys(policy.segments);
  const check = (name: string, known: string[], kind: string, at: Path) => {
    if (!known.includes(name)) {
      ctx.addIssue({ code: 'custom', path: at, message: `unknown ${kind} "${name}"; defined ${kind}s: ${known.join(', ') || `none (define it under policy.${kind === 'list' ? 'lists' : 'segments'})`}` });
    }
  };
  const d = when.destination;
  if (d?.list !== undefined) check(d.list, lists, 'list', [...path, 'destination', 'list']);
  d?.lists?.forEach((n, j) => check(n, lists, 'list', [...path, 'destination', 'lists', j]));
  const c = when.client;
  if (c?.segment !== undefined) check(c.segment, segments, 'segment', [...path, 'client', 'segment']);
  c?.segments?.forEach((n, j) => check(n, segments, 'segment', [...path, 'client', 'segments', j]));
  if (when.not) checkReferences(when.not, [...path, 'not'], policy, ctx);
  when.any?.forEach((b, j) => checkReferences(b, [...path, 'any', j], policy, ctx));
}

/**
 * Issues for labels a policy names that the taxonomy lacks, as zod paths under `policy`. The policy section
 * cannot see `labels:`, so the whole-config schema runs this (see `refinePolicyLabels`).
 *
 * @example
 * policyLabelIssues(config.policy, ['c1', 'c2', 'c3']); // [{ path: ['rules', 0, 'when', 'label', 'atLeast'], message: 'unknown label "c4"; ...' }]
 */
export function policyLabelIssues(policy: PolicyConfig, labelIds: readonly string[]): { path: Path; message: string }[] {
  const out: { path: Path; message: string }[] = [];
  const known = new Set(labelIds);
  const visit = (when: Conditions, path: Path) => {
    const label = (l: Conditions['label'], at: Path) => {
      if (!l) return;
      for (const key of ['atLeast', 'atMost', 'exactly'] as const) {
        const id = l[key];
        if (id !== undefined && !known.has(id)) out.push({ path: [...at, key], message: `unknown label "${id}"; labels: ${labelIds.join(', ')}` });
      }
      l.in?.forEach((id, j) => {
        if (!known.has(id)) out.push({ path: [...at, 'in', j], message: `unknown label "${id}"; labels: ${labelIds.join(', ')}` });
      });
    };
    label(when.label, [...path, 'label']);
    if (when.document?.label) label(when.document.label, [...path, 'document', 'label']);
    if (when.not) visit(when.not, [...path, 'not']);
    when.any?.forEach((b, j) => visit(b, [...path, 'any', j]));
  };
  policy.rules.forEach((rule, i) => visit(rule.when, ['rules', i, 'when']));
  return out;
}

/**
 * A superRefine for the whole-config schema: reports policy labels missing from `labels:` (or the default taxonomy).
 *
 * @example
 * configSchema.superRefine(refinePolicyLabels(DEFAULT_LABELS.map((l) => l.id)));
 */
export function refinePolicyLabels(defaultLabelIds: readonly string[]) {
  return (config: { labels?: readonly { id: string }[] | undefined; policy: PolicyConfig }, ctx: Ctx): void => {
    const ids = config.labels?.map((l) => l.id) ?? defaultLabelIds;
    for (const issue of policyLabelIssues(config.policy, ids)) ctx.addIssue({ code: 'custom', path: ['policy', ...issue.path], message: issue.message });
  };
}
