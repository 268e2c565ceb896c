import { busConfigSchema, type NatsConfig } from '../config.js';

/** The NATS section of a config for a test's server and names. */
export function natsConfigFor(url: string, names: { stream: string; subjectPrefix: string }, over: Partial<NatsConfig> = {}): NatsConfig {
  return { ...busConfigSchema.parse({ transport: 'nats', nats: { servers: [url], ...names } }).nats, ...over };
}
