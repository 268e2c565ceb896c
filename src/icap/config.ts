import { z } from 'zod';

export const icapConfigSchema = z
  .object({
    listen: z.string().default('127.0.0.1:1344'),
    maxConnections: z.number().int().positive().default(500),
    /** Bodies above this are spooled to a temporary file. */
    memoryThresholdBytes: z.number().int().positive().default(4 * 1024 * 1024),
    /** Largest body read; larger ones are decided by policy as unscannable. */
    maxBodyBytes: z.number().int().positive().default(512 * 1024 * 1024),
    idleTimeoutMs: z.number().int().positive().default(60_000),
    readTimeoutMs: z.number().int().positive().default(30_000),
    previewBytes: z.number().int().nonnegative().default(4096),
  })
  .strict();

export type IcapConfig = z.infer<typeof icapConfigSchema>;
