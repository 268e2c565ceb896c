/** A message to publish: `id` is its identity for de-duplication (the event id). */
export interface OutgoingMessage {
  readonly subject: string;
  readonly id: string;
  readonly data: Uint8Array;
}

/** A message delivered to a subscriber. `deliveryCount` is 1 the first time. */
export interface IncomingMessage {
  readonly subject: string;
  readonly id: string | undefined;
  readonly data: Uint8Array;
  readonly deliveryCount: number;
}

/**
 * What the subscriber did with one message: stored (acknowledge), failed for now (deliver again later), or
 * never acceptable (move to the dead letters with `reason`).
 */
export type Outcome = { readonly kind: 'ack' } | { readonly kind: 'retry'; readonly delayMs: number } | { readonly kind: 'dead'; readonly reason: string; readonly deadSubject: string };

/** Handles one batch; returns one outcome per message, in order. Acknowledgements go out after it resolves. */
export type BatchHandler = (batch: readonly IncomingMessage[]) => Promise<Outcome[]>;

/** How far a publish got: the first `accepted` messages are held by the transport; `error` stopped the rest. */
export interface PublishResult {
  readonly accepted: number;
  readonly duplicates: number;
  readonly error?: Error;
}

export interface Subscription {
  /** Stops fetching; resolves once the batch in hand is handled. */
  stop(): Promise<void>;
}

/** A message set aside as undeliverable, with why. */
export interface DeadLetter {
  readonly subject: string;
  readonly id: string | undefined;
  readonly reason: string;
  readonly originalSubject: string;
  readonly data: Uint8Array;
}

/**
 * Moves messages between the sensors' stores and the centre's. The in-process transport hands them straight to
 * the subscriber in the same process; the NATS transport keeps them in a JetStream stream. Callers (the
 * forwarder, the ingestor) see the same contract: a publish is accepted once the transport will not lose it,
 * and a delivery is acknowledged only after its handler resolved.
 */
export interface BusTransport {
  readonly kind: 'in-process' | 'nats';
  /** Where this transport delivers, for status and logs (never credentials). */
  readonly describe: string;
  /** Publishes in order; stops at the first failure. Never throws: failures are in the result. */
  publish(messages: readonly OutgoingMessage[]): Promise<PublishResult>;
  /** Delivers every message on `subject` (a wildcard) to `handler` in batches, durably named `durable`. */
  subscribe(options: { readonly durable: string; readonly subject: string; readonly batchSize: number; readonly maxDeliver: number; readonly ackWaitSeconds?: number }, handler: BatchHandler, onError?: (e: unknown) => void): Promise<Subscription>;
  /** Messages set aside as dead letters, newest last (at most `limit`). */
  deadLetters(limit?: number): Promise<DeadLetter[]>;
  /** Consumer position and backlog, when the transport knows them. */
  consumerInfo(durable: string): Promise<{ pending: number; ackPending: number; redelivered: number } | undefined>;
  close(): Promise<void>;
}
