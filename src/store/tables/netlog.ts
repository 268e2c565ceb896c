/**
 * Network log analytics (`mamori ingest` / `mamori hunt`).
 * Pair and DNS summaries are merged by each ingest so a later ingest of the next hour updates the scores;
 * histograms are JSON arrays of [bin, count] pairs, bounded by their bin count whatever the traffic.
 */
export interface NetPairsTable {
  org: string;
  /** `src\tdst` for address pairs, `src\th:name` for host/SNI pairs. */
  key: string;
  /** `ip` or `host`. */
  kind: string;
  src: string;
  dst: string;
  dst_host: string | null;
  ports_json: string;
  distinct_ports: number;
  connections: number;
  failed: number;
  dupes: number;
  bytes_out: number;
  bytes_in: number;
  first_seen: string;
  last_seen: string;
  max_duration: number;
  total_duration: number;
  intervals_json: string;
  sizes_json: string;
  hours_json: string;
  hours_seen: number;
  last_hour: number;
}

export interface NetDnsTable {
  org: string;
  /** `src\tregistered-domain`, or `src\t*` for the per-host summary used against DGAs. */
  key: string;
  src: string;
  domain: string;
  queries: number;
  nx: number;
  txt: number;
  /** K smallest 32-bit hashes of the distinct names seen (subdomains, or registered domains for `*`). */
  unique_sketch: string;
  nx_sketch: string;
  label_chars: number;
  max_label: number;
  entropy_sum: number;
  samples_json: string;
  first_seen: string;
  last_seen: string;
}

/** The columns of a network finding, shared by the findings table and the findings attached to incidents. */
export interface NetFindingColumns {
  kind: string;
  src: string;
  dst: string;
  dst_host: string | null;
  port: number | null;
  score: number;
  severity: string;
  first_seen: string;
  last_seen: string;
  connections: number;
  bytes_out: number;
  reasons_json: string;
}

export interface NetFindingsTable extends NetFindingColumns {
  id: string;
  org: string;
  updated_at: string;
}

export interface NetIngestsTable {
  id: string;
  org: string;
  started_at: string;
  finished_at: string;
  paths_json: string;
  records: number;
  bad_lines: number;
  per_type_json: string;
  /** Internal networks the run used (`--internal` or the config). */
  internal_json: string;
  seconds: number;
}

/** Tables of the netlog domain. */
export interface NetlogTables {
  netlog_pairs: NetPairsTable;
  netlog_dns: NetDnsTable;
  netlog_findings: NetFindingsTable;
  netlog_ingests: NetIngestsTable;
}
