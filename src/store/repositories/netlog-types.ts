/** A histogram as sparse [bin, count] pairs. */
export type SparseHistogram = Array<[number, number]>;

/** Everything kept about one (internal source, external destination) pair; merged across ingests. */
export interface PairSummary {
  readonly key: string;
  readonly kind: 'ip' | 'host';
  readonly src: string;
  readonly dst: string;
  dstHost: string | null;
  /** Most used destination ports with their connection counts (bounded). */
  ports: Record<string, number>;
  distinctPorts: number;
  connections: number;
  /** Connections that never completed (S0, REJ, RSTOS0…). */
  failed: number;
  /** Connections in the same second as the previous one (bursts), left out of the interval histogram. */
  dupes: number;
  bytesOut: number;
  bytesIn: number;
  /** Epoch milliseconds. */
  firstSeen: number;
  lastSeen: number;
  maxDuration: number;
  totalDuration: number;
  intervals: SparseHistogram;
  sizes: SparseHistogram;
  /** Connections per UTC hour of day, 24 entries. */
  hours: number[];
  /** Distinct clock hours with a connection. */
  hoursSeen: number;
  /** The last epoch hour counted in hoursSeen. */
  lastHour: number;
}

/** DNS queries from one source under one registered domain (`domain` = `*`: all its queries, for DGA checks). */
export interface DnsSummary {
  readonly key: string;
  readonly src: string;
  readonly domain: string;
  queries: number;
  nx: number;
  /** TXT, NULL and other record types that carry data. */
  txt: number;
  uniqueSketch: number[];
  nxSketch: number[];
  labelChars: number;
  maxLabel: number;
  entropySum: number;
  samples: string[];
  firstSeen: number;
  lastSeen: number;
}

/** One `mamori ingest` run. */
export interface IngestRun {
  readonly id: string;
  readonly org: string;
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly paths: string[];
  readonly records: number;
  readonly badLines: number;
  readonly perType: Record<string, { records: number; badLines: number }>;
  readonly internal: string[];
  readonly seconds: number;
}

/** Filters for listing findings. */
export interface NetFindingFilter {
  readonly org?: string;
  readonly minScore?: number;
  readonly kind?: string;
  readonly limit?: number;
}
