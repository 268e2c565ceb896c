export { busConfigSchema, type BusConfig, type NatsConfig } from './config.js';
export type { BusTransport, OutgoingMessage, IncomingMessage, Outcome, BatchHandler, PublishResult, Subscription, DeadLetter } from './transport.js';
export { createInProcessTransport, subjectMatches } from './in-process.js';
export { createNatsTransport, natsConnectOptions, DEAD_REASON_HEADER, DEAD_SUBJECT_HEADER } from './nats.js';
export { encodeEvent, decodeEvent, orgToken, orgFromToken, subjects, SCHEMA_HEADER, EVENT_SCHEMA, type Decoded, type Subjects } from './message.js';
export { EventForwarder, type ForwarderOptions, type ForwardReport, type ForwarderStatus } from './forwarder.js';
export { EventIngestor, type IngestorOptions, type IngestStats } from './ingestor.js';
export { createTransport, forwarderCursorName } from './create.js';
