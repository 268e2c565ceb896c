import { availableParallelism } from 'node:os';
import { z } from 'zod';

export const icapConfigSchema = z
  .object({
    listen: z.string().default('127.0.0.1:1344'),
    maxConnections: z.number().int().positive().default(500),
    /** Bodies above this are spooled to a temporary file. */
    memoryThresholdBytes: z.number().int().positive().default(4 * 1024 * 1024),
    /** Where large bodies are spooled (default: the system temporary directory). Files are 0600 and deleted after the decision. */
    spoolDir: z.string().optional(),
    /** Largest body read; larger ones are decided by policy as unscannable. */
    maxBodyBytes: z.number().int().positive().default(512 * 1024 * 1024),
    /** A connection with no request in progress is closed after this long. */
    idleTimeoutMs: z.number().int().positive().default(60_000),
    /** A request that sends nothing for this long is answered 408 and closed (slowloris). */
    readTimeoutMs: z.number().int().positive().default(30_000),
    previewBytes: z.number().int().nonnegative().default(4096),
    /** Largest ICAP or encapsulated HTTP header block. */
    maxHeaderBytes: z.number().int().positive().default(64 * 1024),
    /** Inspection taking longer is decided by policy as unscannable. */
    inspectTimeoutMs: z.number().int().positive().default(30_000),
    /**
     * Worker threads that inspect bodies (0: on the event loop). Default: one per available core, at most 8
     * (`inspectWorkerCount`): the event loop itself needs little CPU for large bodies, which are what goes to
     * workers. Each holds the pipeline and a copy of the document index.
     */
    inspectWorkers: z.number().int().min(0).max(64).optional(),
    /**
     * Bodies smaller than this are inspected on the event loop even with workers: their inspection (a fraction
     * of a millisecond) costs less than the two thread hops a worker adds. 0 sends every body to the workers.
     */
    inspectInlineBelowBytes: z.number().int().nonnegative().default(64 * 1024),
    /**
     * A body at least this large is inspected by every idle worker at once, each taking a share (a slice of
     * the detection, or the document lookup), when no other inspection waits: below saturation a large
     * upload then waits about a worker's share of its inspection. 0 (the default) never splits: on two cores
     * splitting gained ~2 ms of a 1 MB upload's ~19 ms median and lengthened the tail (docs/icap.md); it is
     * meant for hosts with more cores than concurrent large uploads.
     */
    splitInspectionFromBytes: z.number().int().nonnegative().default(0),
    /** How often a running service picks up documents `mamori register` / `unregister` changed. */
    registryRefreshMs: z.number().int().positive().default(10_000),
    /** Inspections running or queued for a worker at once (bounds memory: each holds one body). */
    maxConcurrentInspections: z.number().int().positive().default(8),
    /** Seconds a client may cache the OPTIONS answer. */
    optionsTtlSeconds: z.number().int().positive().default(3600),
    /** Seconds given to in-flight transactions on shutdown. */
    shutdownGraceSeconds: z.number().int().positive().default(30),
    /** host:port of a Prometheus endpoint (`GET /metrics`) for the ICAP service; none when unset (`--metrics`). */
    metricsListen: z.string().optional(),
  })
  .strict();

export type IcapConfig = z.infer<typeof icapConfigSchema>;

/**
 * How many inspection workers the ICAP service runs: `icap.inspectWorkers`, or one per available core, at most 8.
 *
 * @example
 * inspectWorkerCount(config.icap); // 2 on a 2-core machine
 */
export function inspectWorkerCount(icap: IcapConfig, cores = availableParallelism()): number {
  return icap.inspectWorkers ?? Math.min(8, Math.max(1, cores));
}
