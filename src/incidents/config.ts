import { z } from 'zod';

const severity = z.enum(['low', 'medium', 'high', 'critical']);

export const incidentsConfigSchema = z
  .object({
    /** Network findings at or above this severity open an incident; weaker ones only join an open one. */
    openOnFindingSeverity: severity.default('medium'),
    /** Bytes a flagged destination received beyond what the proxy saw before the host's sensitive files become `suspected`. */
    unexplainedBytes: z.number().int().nonnegative().default(1_048_576),
    /** This many documents or more raise the severity. */
    manyDocuments: z.number().int().positive().default(10),
    /**
     * Deprecated and ignored since correlation follows the order events were stored (every late event is read once).
     * Still accepted so older configs load; it only sizes the one-time re-read when a store correlated by a version
     * that kept a (time, id) cursor is first caught up (default then: one hour, that version's default).
     */
    lateArrivalSeconds: z.number().int().nonnegative().optional(),
    /** Inventory host names of a client IP (the inventory knows machines by name, uploads by address). */
    hostAliases: z.record(z.string(), z.array(z.string())).default({}),
  })
  .strict();

export type IncidentsConfig = z.infer<typeof incidentsConfigSchema>;
