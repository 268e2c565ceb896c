import { z } from 'zod';

const syslogSchema = z
  .object({
    host: z.string().min(1),
    port: z.number().int().min(1).max(65535).default(514),
    protocol: z.enum(['udp', 'tcp']).default('tcp'),
    /** RFC 6587 framing on TCP: octet counting (default) or a trailing LF. */
    framing: z.enum(['octet-counting', 'lf']).default('octet-counting'),
    /** Syslog facility number (16 = local0). */
    facility: z.number().int().min(0).max(23).default(16),
    appName: z.string().regex(/^[!-~]{1,48}$/).default('mamori'),
    timeoutMs: z.number().int().positive().default(5000),
  })
  .strict();

const webhookSchema = z
  .object({
    url: z.url(),
    timeoutMs: z.number().int().positive().default(5000),
    headers: z.record(z.string(), z.string()).default({}),
    /** Name of an environment variable holding an HMAC-SHA256 key; the signature goes in `X-Mamori-Signature`. */
    secretEnv: z.string().optional(),
  })
  .strict();

export const respondConfigSchema = z
  .object({
    syslog: syslogSchema.optional(),
    webhook: webhookSchema.optional(),
    outbox: z
      .object({
        batchSize: z.number().int().positive().max(1000).default(100),
        baseDelayMs: z.number().int().positive().default(1000),
        maxDelayMs: z.number().int().positive().default(300_000),
        /** Give a message up after this many attempts; 0 retries for ever (a temporary outage loses nothing). */
        maxAttempts: z.number().int().nonnegative().default(0),
      })
      .strict()
      .default({ batchSize: 100, baseDelayMs: 1000, maxDelayMs: 300_000, maxAttempts: 0 }),
    stix: z
      .object({ organisation: z.string().optional(), tlp: z.enum(['white', 'green', 'amber', 'red']).default('amber') })
      .strict()
      .default({ tlp: 'amber' }),
    /** How often a long-running process re-reads the quarantine list. */
    quarantineRefreshMs: z.number().int().positive().default(2000),
  })
  .strict();

export type RespondConfig = z.infer<typeof respondConfigSchema>;
export type SyslogConfig = z.infer<typeof syslogSchema>;
export type WebhookConfig = z.infer<typeof webhookSchema>;
