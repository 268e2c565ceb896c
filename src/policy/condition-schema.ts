import { z } from 'zod';
import { destinationEntrySchema, networkEntrySchema, oneOrMany, sizeSchema } from './entry-schema.js';

const labelId = z.string().min(1);

/** `label: { atLeast: c2 }`, `{ exactly: c3 }`, `{ in: [c1, c2] }`, `{ atMost: c1 }`. */
export const labelConditionSchema = z
  .strictObject(
    { atLeast: labelId.optional(), atMost: labelId.optional(), exactly: labelId.optional(), in: oneOrMany(labelId).optional() },
    { error: labelShapeError },
  )
  .refine((l) => Object.keys(l).length > 0, { message: 'give one of atLeast, atMost, exactly, in' });

function labelShapeError(issue: { code: string; keys?: string[] }): string | undefined {
  if (issue.code === 'unrecognized_keys') return `unknown label test ${quote(issue.keys ?? [])}; use atLeast, atMost, exactly or in`;
  if (issue.code === 'invalid_type') return 'write the label test as { atLeast: c2 }, { exactly: c3 }, { in: [c1, c2] } or { atMost: c1 }';
  return undefined;
}

const CATEGORIES = ['pii', 'financial', 'secret', 'marking', 'network', 'custom'] as const;

/** Detector ids such as `jp.my_number`, or prefixes ending in `*` such as `secret.*`. */
const detectorPattern = z
  .string()
  .regex(/^(\*|[a-z0-9_-]+(\.[a-z0-9_-]+)*(\.\*)?)$/i, 'expected a detector id (jp.my_number) or a prefix ending in ".*" (secret.*)');

const documentSchema = z.preprocess(
  (v) => (typeof v === 'boolean' ? { present: v } : v),
  z.strictObject(
    {
      present: z.boolean().default(true),
      label: labelConditionSchema.optional(),
      minCoverage: z.number().min(0).max(1).optional(),
      minRunChars: z.number().int().nonnegative().optional(),
    },
    {
      error: (i) =>
        i.code === 'unrecognized_keys'
          ? `unknown document test ${quote(i.keys)}; use label, minCoverage, minRunChars`
          : i.code === 'invalid_type'
            ? 'write document as true, false or { label: {...}, minCoverage: 0.3, minRunChars: 200 }'
            : undefined,
    },
  ),
);

/** Normalises `[entries]` and `entry` to `{ entries }`. */
const asEntries = (v: unknown) => (typeof v === 'string' ? { entries: [v] } : Array.isArray(v) ? { entries: v } : v);

const destinationSchema = z.preprocess(
  asEntries,
  z
    .strictObject(
      { list: z.string().optional(), lists: z.array(z.string()).optional(), entries: z.array(destinationEntrySchema).optional() },
      {
        error: (i) =>
          i.code === 'unrecognized_keys'
            ? `unknown destination key ${quote(i.keys)}; use list, lists or entries`
            : i.code === 'invalid_type'
              ? 'write destination as a list of domains/IPs/CIDRs, or { list: name }, or { lists: [names], entries: [...] }'
              : undefined,
      },
    )
    .refine((d) => d.list !== undefined || d.lists !== undefined || d.entries !== undefined, { message: 'give list, lists or entries' }),
);

const clientSchema = z.preprocess(
  asEntries,
  z
    .strictObject(
      { segment: z.string().optional(), segments: z.array(z.string()).optional(), entries: z.array(networkEntrySchema).optional() },
      {
        error: (i) =>
          i.code === 'unrecognized_keys'
            ? `unknown client key ${quote(i.keys)}; use segment, segments or entries`
            : i.code === 'invalid_type'
              ? 'write client as a list of IPs/CIDRs, or { segment: name }, or { segments: [names], entries: [...] }'
              : undefined,
      },
    )
    .refine((c) => c.segment !== undefined || c.segments !== undefined || c.entries !== undefined, { message: 'give segment, segments or entries' }),
);

const sizeConditionSchema = z
  .strictObject(
    { min: sizeSchema.optional(), max: sizeSchema.optional() },
    { error: (i) => (i.code === 'unrecognized_keys' ? `unknown size bound ${quote(i.keys)}; use min and max` : i.code === 'invalid_type' ? "write size as { min: 1, max: '20 MiB' }" : undefined) },
  )
  .refine((s) => s.min !== undefined || s.max !== undefined, { message: 'give min, max or both' });

/**
 * Every condition a rule may test; the names users write under `when:`.
 *
 * @example
 * CONDITION_NAMES.includes('destination'); // true
 */
export const CONDITION_NAMES = [
  'label', 'detector', 'category', 'minCount', 'document', 'unscannable', 'destination', 'client',
  'user', 'method', 'size', 'channel', 'quarantined', 'not', 'any',
] as const;

/** The parsed form of a `when:` block. */
export interface Conditions {
  readonly label?: LabelCondition | undefined;
  readonly detector?: string[] | undefined;
  readonly category?: (typeof CATEGORIES)[number][] | undefined;
  readonly minCount?: number | undefined;
  readonly document?: DocumentCondition | undefined;
  readonly unscannable?: boolean | undefined;
  readonly destination?: { list?: string | undefined; lists?: string[] | undefined; entries?: string[] | undefined } | undefined;
  readonly client?: { segment?: string | undefined; segments?: string[] | undefined; entries?: string[] | undefined } | undefined;
  readonly user?: string[] | undefined;
  readonly method?: string[] | undefined;
  readonly size?: { min?: number | undefined; max?: number | undefined } | undefined;
  readonly channel?: ('cli' | 'scan' | 'icap' | 'api')[] | undefined;
  readonly quarantined?: boolean | undefined;
  readonly not?: Conditions | undefined;
  readonly any?: Conditions[] | undefined;
}

/**
 * The `when:` block of a rule: every condition given must hold (AND); `not` negates a block, `any` is OR.
 *
 * @example
 * conditionsSchema.parse({ label: { atLeast: 'c2' }, not: { destination: { list: 'approved' } } });
 */
export const conditionsSchema: z.ZodType<Conditions, unknown> = z.lazy(() =>
  z
    .strictObject(
      {
        label: labelConditionSchema.optional(),
        detector: oneOrMany(detectorPattern).optional(),
        category: oneOrMany(z.enum(CATEGORIES)).optional(),
        minCount: z.number().int().positive().optional(),
        document: documentSchema.optional(),
        unscannable: z.boolean().optional(),
        destination: destinationSchema.optional(),
        client: clientSchema.optional(),
        user: oneOrMany(z.string().min(1)).optional(),
        method: oneOrMany(z.string().regex(/^[A-Za-z-]+$/, 'expected an HTTP method such as POST')).optional(),
        size: sizeConditionSchema.optional(),
        channel: oneOrMany(z.enum(['cli', 'scan', 'icap', 'api'])).optional(),
        quarantined: z.boolean().optional(),
        not: conditionsSchema.optional(),
        any: z.array(conditionsSchema).min(1, 'any needs at least one block').optional(),
      },
      { error: (i) => (i.code === 'unrecognized_keys' ? `unknown condition ${quote(i.keys)}; known conditions: ${CONDITION_NAMES.join(', ')}` : i.code === 'invalid_type' ? 'expected a block of conditions (label:, destination:, ...)' : undefined) },
    )
    .refine((c) => c.minCount === undefined || c.detector !== undefined || c.category !== undefined, {
      message: 'minCount needs a detector or category condition beside it',
      path: ['minCount'],
    }),
);

export type DocumentCondition = z.infer<typeof documentSchema>;
export type LabelCondition = z.infer<typeof labelConditionSchema>;

function quote(keys: readonly PropertyKey[] | undefined): string {
  return (keys ?? []).map((k) => `"${String(k)}"`).join(', ');
}
