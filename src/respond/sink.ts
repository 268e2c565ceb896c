/** What a delivery attempt achieved: how many of the payloads, in order, were delivered, and why it stopped. */
export interface SinkResult {
  readonly delivered: number;
  /** Set when not everything was delivered; `permanent` when retrying the next payload cannot help (HTTP 400). */
  readonly error?: { readonly message: string; readonly permanent: boolean };
}

/** A destination of outbox messages (syslog, webhook). */
export interface Sink {
  readonly name: string;
  deliver(payloads: readonly string[]): Promise<SinkResult>;
}
