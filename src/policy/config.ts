import { z } from 'zod';

/**
 * Policy section. The rule grammar is owned by the policy module; until then rules pass through
 * and the pipeline blocks at c2 and above.
 */
export const policyConfigSchema = z
  .object({
    mode: z.enum(['enforce', 'monitor']).default('enforce'),
    rules: z.array(z.unknown()).default([]),
  })
  .strict();

export type PolicyConfig = z.infer<typeof policyConfigSchema>;
