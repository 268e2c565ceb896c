import type { NetFindingColumns } from '../tables/netlog.js';

/** A network finding's fields as repositories hand them out (kind and severity as stored text). */
export interface NetFindingFields {
  readonly kind: string;
  readonly src: string;
  readonly dst: string;
  readonly dstHost: string | null;
  readonly port: number | null;
  readonly score: number;
  readonly severity: string;
  readonly firstSeen: string;
  readonly lastSeen: string;
  readonly connections: number;
  readonly bytesOut: number;
  readonly reasons: string[];
}

/**
 * A finding → its columns, for the findings table and for findings attached to incidents alike.
 *
 * @example
 * db.insertInto('netlog_findings').values({ id, org, updated_at, ...toNetFindingColumns(f) });
 */
export function toNetFindingColumns(f: NetFindingFields): NetFindingColumns {
  return {
    kind: f.kind,
    src: f.src,
    dst: f.dst,
    dst_host: f.dstHost,
    port: f.port,
    score: f.score,
    severity: f.severity,
    first_seen: f.firstSeen,
    last_seen: f.lastSeen,
    connections: f.connections,
    bytes_out: f.bytesOut,
    reasons_json: JSON.stringify(f.reasons),
  };
}

/**
 * Columns → a finding; numbers come back as numbers on both dialects.
 *
 * @example
 * rows.map(fromNetFindingColumns);
 */
export function fromNetFindingColumns(r: NetFindingColumns): NetFindingFields {
  return {
    kind: r.kind,
    src: r.src,
    dst: r.dst,
    dstHost: r.dst_host,
    port: r.port === null ? null : Number(r.port),
    score: Number(r.score),
    severity: r.severity,
    firstSeen: r.first_seen,
    lastSeen: r.last_seen,
    connections: Number(r.connections),
    bytesOut: Number(r.bytes_out),
    reasons: JSON.parse(r.reasons_json) as string[],
  };
}
