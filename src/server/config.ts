import { z } from 'zod';

/** The `server` section: the console and REST API of `mamori serve`. */
export const serverConfigSchema = z
  .object({
    listen: z.string().default('127.0.0.1:8080'),
    /** How long a console session lasts without signing in again. */
    sessionHours: z.number().positive().max(24 * 30).default(12),
    /** Largest document upload the API reads (held in memory while it is fingerprinted). */
    maxUploadBytes: z.number().int().positive().default(64 * 1024 * 1024),
    /** Mark cookies Secure even on plain HTTP: set when a TLS-terminating proxy sits in front. */
    secureCookies: z.boolean().default(false),
    /** Take the client address from X-Forwarded-For (only behind a proxy you trust). */
    trustProxy: z.boolean().default(false),
    loginLimit: z
      .object({
        perIpPerMinute: z.number().int().positive().default(60),
        failuresPerUser: z.number().int().positive().default(5),
        userLockMinutes: z.number().positive().default(15),
      })
      .strict()
      .default({ perIpPerMinute: 60, failuresPerUser: 5, userLockMinutes: 15 }),
  })
  .strict();

export type ServerConfig = z.infer<typeof serverConfigSchema>;
