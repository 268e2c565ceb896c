import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { Action } from '../core/index.js';

/** One answered upload, as the ICAP server's `decision` log line gives it. */
export interface DecisionSample {
  readonly action: Action;
  /** A block that monitor mode turned into an alert. */
  readonly monitored: boolean;
  readonly label: string;
  readonly bytes: number;
  /** From the first body byte to the answer, and its three stages. */
  readonly seconds: number;
  readonly readSeconds: number;
  readonly inspectSeconds: number;
  readonly commitSeconds: number;
}

/** What the ICAP server counts, for Prometheus: decisions and where their time went, refusals, store failures. */
export interface IcapMetrics {
  readonly registry: Registry;
  decision(sample: DecisionSample): void;
  /** A request answered with an ICAP error status (400 malformed, 404, 405, 413, 501, 503 at the connection limit). */
  refused(status: number): void;
  /** An event that could not be committed (the upload was answered 500: the proxy fails closed). */
  storeFailure(): void;
  /** Reads the open connections at each scrape. */
  observeConnections(count: () => number): void;
}

// From one small upload on the event loop (~1 ms) to a large one queued behind others (seconds).
const SECONDS = [0.001, 0.0025, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

/**
 * The ICAP server's metrics in a registry of their own, with Node's process metrics (CPU, memory, event-loop
 * delay, GC) under the `mamori_` prefix. Label values are actions and sensitivity labels only: never a URL,
 * host or user, so nothing of an upload leaks through a scrape and the series stay few.
 *
 * @example
 * const metrics = createIcapMetrics();
 * const server = createIcapServer({ config, taxonomy, db, metrics });
 * await metrics.registry.metrics(); // Prometheus text format
 */
export function createIcapMetrics(options: { processMetrics?: boolean } = {}): IcapMetrics {
  const registry = new Registry();
  if (options.processMetrics !== false) collectDefaultMetrics({ register: registry, prefix: 'mamori_' });
  const decisions = new Counter({
    name: 'mamori_icap_decisions_total',
    help: 'Uploads decided and answered, by action (monitored: a block that monitor mode let through) and label.',
    labelNames: ['action', 'monitored', 'label'] as const,
    registers: [registry],
  });
  const bytes = new Counter({ name: 'mamori_icap_upload_bytes_total', help: 'Bytes of upload bodies received.', registers: [registry] });
  const duration = new Histogram({
    name: 'mamori_icap_decision_duration_seconds',
    help: 'From the first body byte to the answer: reading the body, inspecting it (queue included), committing its event.',
    buckets: SECONDS,
    registers: [registry],
  });
  const stages = new Histogram({
    name: 'mamori_icap_stage_duration_seconds',
    help: 'Time per stage of a decision: read (the body), inspect (queue included), commit (the event).',
    labelNames: ['stage'] as const,
    buckets: SECONDS,
    registers: [registry],
  });
  const refusals = new Counter({ name: 'mamori_icap_refused_total', help: 'Requests answered with an ICAP error status.', labelNames: ['status'] as const, registers: [registry] });
  const storeFailures = new Counter({ name: 'mamori_icap_store_failures_total', help: 'Events that could not be committed; their uploads were answered 500.', registers: [registry] });
  let connections: () => number = () => 0;
  new Gauge({
    name: 'mamori_icap_connections',
    help: 'Open ICAP connections.',
    registers: [registry],
    collect() {
      this.set(connections());
    },
  });
  return {
    registry,
    decision(s) {
      decisions.inc({ action: s.action, monitored: String(s.monitored), label: s.label });
      bytes.inc(s.bytes);
      duration.observe(s.seconds);
      stages.observe({ stage: 'read' }, s.readSeconds);
      stages.observe({ stage: 'inspect' }, s.inspectSeconds);
      stages.observe({ stage: 'commit' }, s.commitSeconds);
    },
    refused: (status) => refusals.inc({ status: String(status) }),
    storeFailure: () => storeFailures.inc(),
    observeConnections(count) {
      connections = count;
    },
  };
}
