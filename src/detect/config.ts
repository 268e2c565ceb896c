import { z } from 'zod';

/** A user-defined data identifier: a regular expression (run with RE2, linear time) or a keyword list. */
export const customIdentifierSchema = z
  .object({
    id: z.string().regex(/^custom\.[a-z0-9_.-]+$/, 'custom identifier ids start with "custom." (e.g. custom.project_code)'),
    description: z.string().optional(),
    pattern: z.string().optional(),
    keywords: z.array(z.string().min(1)).optional(),
    caseSensitive: z.boolean().default(false),
    label: z.string().default('c2'),
    confidence: z.number().min(0).max(1).default(0.8),
    contextWords: z.array(z.string()).default([]),
  })
  .strict()
  .refine((c) => (c.pattern === undefined) !== (c.keywords === undefined), { message: 'give exactly one of pattern or keywords' });

export const detectConfigSchema = z
  .object({
    /** Detector ids (or prefixes ending in `*`) to switch off, e.g. `jp.postal_code`, `secret.*`. */
    disabled: z.array(z.string()).default([]),
    custom: z.array(customIdentifierSchema).default([]),
    /** Findings below this confidence are dropped. */
    minConfidence: z.number().min(0).max(1).default(0.5),
  })
  .strict();

export type DetectConfig = z.infer<typeof detectConfigSchema>;
export type CustomIdentifier = z.infer<typeof customIdentifierSchema>;
