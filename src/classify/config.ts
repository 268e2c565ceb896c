import { z } from 'zod';

/** Evidence thresholds: how much of what raises content to which label. */
export const classifyConfigSchema = z
  .object({
    /** Personal-data findings (after confidence filtering) at which content becomes c2. */
    piiCountForC2: z.number().int().positive().default(1),
    /** Secrets (keys, tokens) raise content to this label. */
    secretLabel: z.string().default('c2'),
    /** Labels a Microsoft sensitivity label name maps to, matched case-insensitively by substring. */
    sensitivityLabelMap: z.record(z.string(), z.string()).default({
      'highly confidential': 'c3',
      '極秘': 'c3',
      secret: 'c3',
      confidential: 'c2',
      '機密': 'c2',
      internal: 'c2',
      '社外秘': 'c2',
      public: 'c1',
      '公開': 'c1',
    }),
  })
  .strict();

export type ClassifyConfig = z.infer<typeof classifyConfigSchema>;
