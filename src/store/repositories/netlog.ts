import { newId, type NetFinding } from '../../core/index.js';
import type { Db } from '../database.js';
import type { NetDnsTable, NetFindingsTable, NetPairsTable } from '../tables/netlog.js';
import { fromNetFindingColumns, toNetFindingColumns } from './net-finding-columns.js';
import type { DnsSummary, IngestRun, NetFindingFilter, PairSummary } from './netlog-types.js';

export type { DnsSummary, IngestRun, NetFindingFilter, PairSummary, SparseHistogram } from './netlog-types.js';

const iso = (ms: number): string => new Date(ms).toISOString();
// Bound parameters per statement stay under PostgreSQL's 65535 and SQLite's 32766 caps.
const CHUNK = 500;
/** Summary rows per upsert statement: ~22 columns each, so ~22,000 parameters. */
const ROWS_PER_UPSERT = 1000;

function pairRow(org: string, p: PairSummary): NetPairsTable {
  return {
    org,
    key: p.key,
    kind: p.kind,
    src: p.src,
    dst: p.dst,
    dst_host: p.dstHost,
    ports_json: JSON.stringify(p.ports),
    distinct_ports: p.distinctPorts,
    connections: p.connections,
    failed: p.failed,
    dupes: p.dupes,
    bytes_out: p.bytesOut,
    bytes_in: p.bytesIn,
    first_seen: iso(p.firstSeen),
    last_seen: iso(p.lastSeen),
    max_duration: p.maxDuration,
    total_duration: p.totalDuration,
    intervals_json: JSON.stringify(p.intervals),
    sizes_json: JSON.stringify(p.sizes),
    hours_json: JSON.stringify(p.hours),
    hours_seen: p.hoursSeen,
    last_hour: p.lastHour,
  };
}

function pairFrom(r: NetPairsTable): PairSummary {
  return {
    key: r.key,
    kind: r.kind as PairSummary['kind'],
    src: r.src,
    dst: r.dst,
    dstHost: r.dst_host,
    ports: JSON.parse(r.ports_json) as Record<string, number>,
    distinctPorts: Number(r.distinct_ports),
    connections: Number(r.connections),
    failed: Number(r.failed),
    dupes: Number(r.dupes),
    bytesOut: Number(r.bytes_out),
    bytesIn: Number(r.bytes_in),
    firstSeen: Date.parse(r.first_seen),
    lastSeen: Date.parse(r.last_seen),
    maxDuration: Number(r.max_duration),
    totalDuration: Number(r.total_duration),
    intervals: JSON.parse(r.intervals_json) as PairSummary['intervals'],
    sizes: JSON.parse(r.sizes_json) as PairSummary['sizes'],
    hours: JSON.parse(r.hours_json) as number[],
    hoursSeen: Number(r.hours_seen),
    lastHour: Number(r.last_hour),
  };
}

function dnsRow(org: string, d: DnsSummary): NetDnsTable {
  return {
    org,
    key: d.key,
    src: d.src,
    domain: d.domain,
    queries: d.queries,
    nx: d.nx,
    txt: d.txt,
    unique_sketch: JSON.stringify(d.uniqueSketch),
    nx_sketch: JSON.stringify(d.nxSketch),
    label_chars: d.labelChars,
    max_label: d.maxLabel,
    entropy_sum: d.entropySum,
    samples_json: JSON.stringify(d.samples),
    first_seen: iso(d.firstSeen),
    last_seen: iso(d.lastSeen),
  };
}

function dnsFrom(r: NetDnsTable): DnsSummary {
  return {
    key: r.key,
    src: r.src,
    domain: r.domain,
    queries: Number(r.queries),
    nx: Number(r.nx),
    txt: Number(r.txt),
    uniqueSketch: JSON.parse(r.unique_sketch) as number[],
    nxSketch: JSON.parse(r.nx_sketch) as number[],
    labelChars: Number(r.label_chars),
    maxLabel: Number(r.max_label),
    entropySum: Number(r.entropy_sum),
    samples: JSON.parse(r.samples_json) as string[],
    firstSeen: Date.parse(r.first_seen),
    lastSeen: Date.parse(r.last_seen),
  };
}

/**
 * Stored pair summaries for `keys` (missing keys are absent from the map).
 *
 * @example
 * const stored = await getPairSummaries(db, 'default', ['10.0.0.5\t203.0.113.9']);
 */
export async function getPairSummaries(db: Db, org: string, keys: readonly string[]): Promise<Map<string, PairSummary>> {
  const out = new Map<string, PairSummary>();
  for (let i = 0; i < keys.length; i += CHUNK) {
    const rows = await db.selectFrom('netlog_pairs').selectAll().where('org', '=', org).where('key', 'in', keys.slice(i, i + CHUNK)).execute();
    for (const r of rows) out.set(r.key, pairFrom(r));
  }
  return out;
}

/**
 * Writes merged pair summaries (insert or replace), in one transaction.
 *
 * @example
 * await savePairSummaries(db, 'default', merged);
 */
export async function savePairSummaries(db: Db, org: string, pairs: readonly PairSummary[]): Promise<void> {
  if (pairs.length === 0) return;
  await db.transaction().execute(async (tx) => {
    for (let i = 0; i < pairs.length; i += ROWS_PER_UPSERT) {
      const rows = pairs.slice(i, i + ROWS_PER_UPSERT).map((p) => pairRow(org, p));
      await tx
        .insertInto('netlog_pairs')
        .values(rows)
        .onConflict((oc) =>
          oc.columns(['org', 'key']).doUpdateSet((eb) => {
            const cols = Object.keys(rows[0]!).filter((c) => c !== 'org' && c !== 'key') as Array<keyof NetPairsTable>;
            return Object.fromEntries(cols.map((c) => [c, eb.ref(`excluded.${c}`)]));
          }),
        )
        .execute();
    }
  });
}

/**
 * Pages through all pair summaries in key order (bounded memory for any store size).
 *
 * @example
 * for await (const page of scanPairSummaries(db, 'default')) for (const p of page) score(p);
 */
export async function* scanPairSummaries(db: Db, org: string, pageSize = 2000): AsyncGenerator<PairSummary[]> {
  let after = '';
  for (;;) {
    const rows = await db.selectFrom('netlog_pairs').selectAll().where('org', '=', org).where('key', '>', after).orderBy('key').limit(pageSize).execute();
    if (rows.length === 0) return;
    after = rows[rows.length - 1]!.key;
    yield rows.map(pairFrom);
    if (rows.length < pageSize) return;
  }
}

/** The few pair fields network context needs (no histograms to decode). */
export type PairContextRow = Pick<PairSummary, 'key' | 'kind' | 'src' | 'dst' | 'firstSeen' | 'lastSeen' | 'bytesOut'>;

/**
 * Pages through pairs reading only the context fields: the cheap first pass of scoring.
 *
 * @example
 * for await (const page of scanPairContext(db, 'default')) for (const p of page) ctx.observe(p);
 */
export async function* scanPairContext(db: Db, org: string, pageSize = 10_000): AsyncGenerator<PairContextRow[]> {
  let after = '';
  for (;;) {
    const rows = await db
      .selectFrom('netlog_pairs')
      .select(['key', 'kind', 'src', 'dst', 'first_seen', 'last_seen', 'bytes_out'])
      .where('org', '=', org)
      .where('key', '>', after)
      .orderBy('key')
      .limit(pageSize)
      .execute();
    if (rows.length === 0) return;
    after = rows[rows.length - 1]!.key;
    yield rows.map((r) => ({ key: r.key, kind: r.kind as PairSummary['kind'], src: r.src, dst: r.dst, firstSeen: Date.parse(r.first_seen), lastSeen: Date.parse(r.last_seen), bytesOut: Number(r.bytes_out) }));
    if (rows.length < pageSize) return;
  }
}

/**
 * Stored DNS summaries for `keys`.
 *
 * @example
 * await getDnsSummaries(db, 'default', ['10.0.0.5\texample.com']);
 */
export async function getDnsSummaries(db: Db, org: string, keys: readonly string[]): Promise<Map<string, DnsSummary>> {
  const out = new Map<string, DnsSummary>();
  for (let i = 0; i < keys.length; i += CHUNK) {
    const rows = await db.selectFrom('netlog_dns').selectAll().where('org', '=', org).where('key', 'in', keys.slice(i, i + CHUNK)).execute();
    for (const r of rows) out.set(r.key, dnsFrom(r));
  }
  return out;
}

/**
 * Writes merged DNS summaries (insert or replace), in one transaction.
 *
 * @example
 * await saveDnsSummaries(db, 'default', merged);
 */
export async function saveDnsSummaries(db: Db, org: string, items: readonly DnsSummary[]): Promise<void> {
  if (items.length === 0) return;
  await db.transaction().execute(async (tx) => {
    for (let i = 0; i < items.length; i += ROWS_PER_UPSERT) {
      const rows = items.slice(i, i + ROWS_PER_UPSERT).map((d) => dnsRow(org, d));
      await tx
        .insertInto('netlog_dns')
        .values(rows)
        .onConflict((oc) =>
          oc.columns(['org', 'key']).doUpdateSet((eb) => {
            const cols = Object.keys(rows[0]!).filter((c) => c !== 'org' && c !== 'key') as Array<keyof NetDnsTable>;
            return Object.fromEntries(cols.map((c) => [c, eb.ref(`excluded.${c}`)]));
          }),
        )
        .execute();
    }
  });
}

/**
 * Pages through all DNS summaries in key order.
 *
 * @example
 * for await (const page of scanDnsSummaries(db, 'default')) count += page.length;
 */
export async function* scanDnsSummaries(db: Db, org: string, pageSize = 2000): AsyncGenerator<DnsSummary[]> {
  let after = '';
  for (;;) {
    const rows = await db.selectFrom('netlog_dns').selectAll().where('org', '=', org).where('key', '>', after).orderBy('key').limit(pageSize).execute();
    if (rows.length === 0) return;
    after = rows[rows.length - 1]!.key;
    yield rows.map(dnsFrom);
    if (rows.length < pageSize) return;
  }
}

/**
 * Replaces the organisation's findings with a freshly computed set, atomically.
 *
 * @example
 * await replaceNetFindings(db, 'default', findings);
 */
export async function replaceNetFindings(db: Db, org: string, findings: readonly NetFinding[]): Promise<void> {
  const now = new Date().toISOString();
  await db.transaction().execute(async (tx) => {
    await tx.deleteFrom('netlog_findings').where('org', '=', org).execute();
    for (let i = 0; i < findings.length; i += CHUNK / 2) {
      const rows: NetFindingsTable[] = findings.slice(i, i + CHUNK / 2).map((f) => ({ id: newId('nf'), org, updated_at: now, ...toNetFindingColumns(f) }));
      await tx.insertInto('netlog_findings').values(rows).execute();
    }
  });
}

/**
 * Findings, highest score first.
 *
 * @example
 * const beacons = await listNetFindings(db, { kind: 'beacon', minScore: 0.5 });
 */
export async function listNetFindings(db: Db, filter: NetFindingFilter = {}): Promise<NetFinding[]> {
  let q = db.selectFrom('netlog_findings').selectAll().where('org', '=', filter.org ?? 'default');
  if (filter.minScore !== undefined) q = q.where('score', '>=', filter.minScore);
  if (filter.kind !== undefined) q = q.where('kind', '=', filter.kind);
  const rows = await q.orderBy('score', 'desc').orderBy('src').orderBy('dst').orderBy('kind').limit(filter.limit ?? 100_000).execute();
  // kind and severity were written from a NetFinding: the stored text is one of their values.
  return rows.map((r) => fromNetFindingColumns(r) as NetFinding);
}

/**
 * Records one ingest run.
 *
 * @example
 * await insertIngestRun(db, run);
 */
export async function insertIngestRun(db: Db, run: IngestRun): Promise<void> {
  await db
    .insertInto('netlog_ingests')
    .values({ id: run.id, org: run.org, started_at: run.startedAt, finished_at: run.finishedAt, paths_json: JSON.stringify(run.paths), records: run.records, bad_lines: run.badLines, per_type_json: JSON.stringify(run.perType), internal_json: JSON.stringify(run.internal), seconds: run.seconds })
    .execute();
}

/**
 * Ingest runs, newest first.
 *
 * @example
 * const [latest] = await listIngestRuns(db, 'default', 1);
 */
export async function listIngestRuns(db: Db, org = 'default', limit = 100): Promise<IngestRun[]> {
  const rows = await db.selectFrom('netlog_ingests').selectAll().where('org', '=', org).orderBy('started_at', 'desc').limit(limit).execute();
  return rows.map((r) => ({
    id: r.id,
    org: r.org,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    paths: JSON.parse(r.paths_json) as string[],
    records: Number(r.records),
    badLines: Number(r.bad_lines),
    perType: JSON.parse(r.per_type_json) as IngestRun['perType'],
    internal: JSON.parse(r.internal_json) as string[],
    seconds: Number(r.seconds),
  }));
}
