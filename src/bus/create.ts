import type { BusConfig } from './config.js';
import { createInProcessTransport } from './in-process.js';
import { createNatsTransport } from './nats.js';
import type { BusTransport } from './transport.js';

/**
 * The transport the config names. Credentials files are read here, once.
 *
 * @example
 * const transport = createTransport(ctx.config.bus, 'mamori-icap');
 */
export function createTransport(config: BusConfig, name = 'mamori'): BusTransport {
  return config.transport === 'nats' ? createNatsTransport(config.nats, { name }) : createInProcessTransport();
}

/** The forwarder's cursor name for a config: one cursor per destination stream, so a new stream starts over. */
export function forwarderCursorName(config: BusConfig): string {
  return config.transport === 'nats' ? `events:${config.nats.stream}` : 'events:in-process';
}
