import { z } from 'zod';

/** When a registered-document match raises the inspected content's label. */
export const fingerprintConfigSchema = z
  .object({
    /** A shared run of at least this many normalised characters is a match. */
    minRunChars: z.number().int().positive().default(100),
    /** Or at least this share of the document's fingerprints. */
    minCoverage: z.number().min(0).max(1).default(0.05),
    /** A fingerprint seen in at least this many registered documents is boilerplate. */
    boilerplateDocs: z.number().int().positive().default(20),
    /** Files whose fingerprints never count as evidence (letterheads, legal footers). */
    allowCorpus: z.array(z.string()).default([]),
    /**
     * Keep a snapshot of the index in a file so start-up reads it instead of rebuilding from every stored
     * document. A cache only: the store stays the truth.
     */
    snapshot: z.boolean().default(true),
    /** A local directory for the snapshot; default the data directory (also for a PostgreSQL store). */
    snapshotDir: z.string().optional(),
  })
  .strict();

export type FingerprintConfig = z.infer<typeof fingerprintConfigSchema>;
