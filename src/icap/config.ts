import { z } from 'zod';

export const icapConfigSchema = z
  .object({
    listen: z.string().default('127.0.0.1:1344'),
    maxConnections: z.number().int().positive().default(500),
    /** Bodies above this are spooled to a temporary file. */
    memoryThresholdBytes: z.number().int().positive().default(4 * 1024 * 1024),
    /** Where large bodies are spooled (default: the system temporary directory). Files are 0600 and deleted after the decision. */
    spoolDir: z.string().optional(),
    /** Largest body read; larger ones are decided by policy as unscannable. */
    maxBodyBytes: z.number().int().positive().default(512 * 1024 * 1024),
    /** A connection with no request in progress is closed after this long. */
    idleTimeoutMs: z.number().int().positive().default(60_000),
    /** A request that sends nothing for this long is answered 408 and closed (slowloris). */
    readTimeoutMs: z.number().int().positive().default(30_000),
    previewBytes: z.number().int().nonnegative().default(4096),
    /** Largest ICAP or encapsulated HTTP header block. */
    maxHeaderBytes: z.number().int().positive().default(64 * 1024),
    /** Inspection taking longer is decided by policy as unscannable. */
    inspectTimeoutMs: z.number().int().positive().default(30_000),
    /** Inspections running at once (bounds memory: each holds one body). */
    maxConcurrentInspections: z.number().int().positive().default(8),
    /** Seconds a client may cache the OPTIONS answer. */
    optionsTtlSeconds: z.number().int().positive().default(3600),
    /** Seconds given to in-flight transactions on shutdown. */
    shutdownGraceSeconds: z.number().int().positive().default(30),
  })
  .strict();

export type IcapConfig = z.infer<typeof icapConfigSchema>;
