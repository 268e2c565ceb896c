import { z } from 'zod';
import { classifyConfigSchema } from '../classify/config.js';
import { detectConfigSchema } from '../detect/config.js';
import { extractConfigSchema } from '../extract/config.js';
import { fingerprintConfigSchema } from '../fingerprint/config.js';
import { icapConfigSchema } from '../icap/config.js';
import { incidentsConfigSchema } from '../incidents/config.js';
import { netlogConfigSchema } from '../netlog/config.js';
import { policyConfigSchema, refinePolicyLabels } from '../policy/config.js';
import { DEFAULT_LABELS } from '../core/index.js';
import { serverConfigSchema } from '../server/config.js';
import { respondConfigSchema } from '../respond/config.js';
import { busConfigSchema } from '../bus/config.js';

const labelSchema = z
  .object({ id: z.string().regex(/^[a-z0-9_-]+$/), name: z.string(), rank: z.number().int(), description: z.string().default('') })
  .strict();

const storeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('sqlite'), path: z.string().optional(), synchronous: z.enum(['NORMAL', 'FULL']).default('FULL') }).strict(),
  z.object({ kind: z.literal('postgres'), url: z.string(), schema: z.string().optional(), poolSize: z.number().int().positive().optional() }).strict(),
]);

/** The whole mamori configuration (YAML). Each module owns its section's schema. */
export const configSchema = z
  .object({
    org: z.string().default('default'),
    /** Name of this host in the inventory (`mamori scan`); default: the machine's hostname. */
    host: z.string().optional(),
    store: storeSchema.default({ kind: 'sqlite', synchronous: 'FULL' }),
    labels: z.array(labelSchema).min(1).optional(),
    extract: extractConfigSchema.default(extractConfigSchema.parse({})),
    detect: detectConfigSchema.default(detectConfigSchema.parse({})),
    classify: classifyConfigSchema.default(classifyConfigSchema.parse({})),
    fingerprint: fingerprintConfigSchema.default(fingerprintConfigSchema.parse({})),
    policy: policyConfigSchema.default(policyConfigSchema.parse({})),
    icap: icapConfigSchema.default(icapConfigSchema.parse({})),
    netlog: netlogConfigSchema.default(netlogConfigSchema.parse({})),
    server: serverConfigSchema.default(serverConfigSchema.parse({})),
    incidents: incidentsConfigSchema.default(incidentsConfigSchema.parse({})),
    respond: respondConfigSchema.default(respondConfigSchema.parse({})),
    bus: busConfigSchema.default(busConfigSchema.parse({})),
  })
  .strict()
  // Labels named in policy rules must exist in the taxonomy (the configured one, else the default).
  .superRefine(refinePolicyLabels(DEFAULT_LABELS.map((l) => l.id)));

export type MamoriConfig = z.infer<typeof configSchema>;
