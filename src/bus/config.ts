import { z } from 'zod';

/** A NATS subject token: no dots, spaces or wildcards. */
const token = z.string().regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, "_" and "-" only');

const natsSchema = z
  .object({
    /** Server URLs; credentials never go here (they would be logged with the URL): use the files below. */
    servers: z
      .union([z.string(), z.array(z.string()).min(1)])
      .default(['nats://127.0.0.1:4222'])
      .transform((s) => (Array.isArray(s) ? s : [s]))
      .refine((s) => s.every((u) => !/\/\/[^/]*@/.test(u)), 'put credentials in tokenFile, credsFile or user + passwordFile, not in the URL'),
    /** JetStream stream of events; its dead letters go to `<stream>_DEAD`. */
    stream: token.default('MAMORI'),
    /** Subjects are `<prefix>.events.<org>` and `<prefix>.dead.<org>`. */
    subjectPrefix: token.default('mamori'),
    /** File holding a token (auth_token). */
    tokenFile: z.string().optional(),
    /** A `.creds` file (JWT + NKey seed), as `nsc` writes it. */
    credsFile: z.string().optional(),
    user: z.string().optional(),
    passwordFile: z.string().optional(),
    /** How long JetStream remembers a message id to drop a re-sent copy. */
    duplicateWindowSeconds: z.number().int().positive().default(600),
    /** Wait this long for JetStream to acknowledge a publish. */
    timeoutMs: z.number().int().positive().default(5000),
  })
  .strict()
  .refine((n) => (n.user === undefined) === (n.passwordFile === undefined), 'user and passwordFile go together');

const forwardSchema = z
  .object({
    /** `mamori icap` / `mamori serve` forward this store's committed events to the bus. */
    enabled: z.boolean().default(false),
    batchSize: z.number().int().positive().max(5000).default(500),
    intervalMs: z.number().int().positive().default(1000),
    baseDelayMs: z.number().int().positive().default(1000),
    maxDelayMs: z.number().int().positive().default(60_000),
  })
  .strict();

const consumeSchema = z
  .object({
    /** `mamori serve` stores the events of every organisation from the bus. */
    enabled: z.boolean().default(false),
    /** Name of the durable consumer: one per central store. */
    durable: token.default('mamori-centre'),
    batchSize: z.number().int().positive().max(5000).default(500),
    /** A message whose storing failed this many times goes to dead letters with the last error. */
    maxDeliver: z.number().int().min(1).max(1000).default(20),
    ackWaitSeconds: z.number().int().positive().default(60),
  })
  .strict();

/**
 * `bus:` in the config. The default is the in-process transport: one box, one store, nothing to forward.
 *
 * @example
 * bus:
 *   transport: nats
 *   nats: { servers: [nats://centre.example:4222], credsFile: /etc/mamori/agency.creds }
 *   forward: { enabled: true }
 */
export const busConfigSchema = z
  .object({
    transport: z.enum(['in-process', 'nats']).default('in-process'),
    nats: natsSchema.default(natsSchema.parse({})),
    forward: forwardSchema.default(forwardSchema.parse({})),
    consume: consumeSchema.default(consumeSchema.parse({})),
  })
  .strict();

export type BusConfig = z.infer<typeof busConfigSchema>;
export type NatsConfig = BusConfig['nats'];
