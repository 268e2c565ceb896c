import type { Db } from '../database.js';
import type { IncidentDestinationsTable, IncidentDocumentsTable, IncidentFindingsTable } from '../tables/incidents.js';
import { fromNetFindingColumns, toNetFindingColumns, type NetFindingFields } from './net-finding-columns.js';
import { chunks, fromExcluded } from './upsert.js';

export type DocumentStatus = 'confirmed' | 'blocked' | 'suspected';

/** A document involved in an incident; `destinations` are the destination keys it went (or tried to go) to. */
export interface IncidentDocument {
  readonly incidentId: string;
  readonly docId: string;
  readonly path: string;
  readonly label: string;
  readonly status: DocumentStatus;
  readonly sha256: string | null;
  readonly firstSeen: string;
  readonly lastSeen: string;
  readonly bytes: number;
  readonly destinations: string[];
  readonly eventIds: string[];
}

/** A destination of an incident. Upload bytes come from the proxy, network bytes from the sensors (largest finding). */
export interface IncidentDestination {
  readonly incidentId: string;
  readonly key: string;
  readonly ip: string | null;
  readonly host: string | null;
  readonly firstSeen: string;
  readonly lastSeen: string;
  readonly uploadBytesOut: number;
  readonly netBytesOut: number;
  readonly bytesBlocked: number;
  readonly uploads: number;
  readonly findings: number;
}

/** A network finding attached to an incident; `key` is stable across re-runs of the analytics. */
export interface IncidentFinding extends NetFindingFields {
  readonly incidentId: string;
  readonly key: string;
}

const DOC_COLS = ['path', 'label', 'status', 'sha256', 'first_seen', 'last_seen', 'bytes', 'destinations_json', 'event_ids_json'] as const;
const DEST_COLS = ['ip', 'host', 'first_seen', 'last_seen', 'upload_bytes_out', 'net_bytes_out', 'bytes_blocked', 'uploads', 'findings'] as const;
const FINDING_COLS = ['kind', 'src', 'dst', 'dst_host', 'port', 'score', 'severity', 'first_seen', 'last_seen', 'connections', 'bytes_out', 'reasons_json'] as const;

/**
 * Inserts or replaces incident documents (key: incident, docId).
 *
 * @example
 * await saveIncidentDocuments(store.db, [doc]);
 */
export async function saveIncidentDocuments(db: Db, docs: readonly IncidentDocument[]): Promise<void> {
  const rows: IncidentDocumentsTable[] = docs.map((d) => ({
    incident_id: d.incidentId,
    doc_id: d.docId,
    path: d.path,
    label: d.label,
    status: d.status,
    sha256: d.sha256,
    first_seen: d.firstSeen,
    last_seen: d.lastSeen,
    bytes: d.bytes,
    destinations_json: JSON.stringify(d.destinations),
    event_ids_json: JSON.stringify(d.eventIds),
  }));
  for (const part of chunks(rows, 400)) {
    await db.insertInto('incident_documents').values(part).onConflict((oc) => oc.columns(['incident_id', 'doc_id']).doUpdateSet(fromExcluded<'incident_documents'>(DOC_COLS))).execute();
  }
}

/**
 * Documents of the given incidents, ordered by incident then path.
 *
 * @example
 * const docs = await listIncidentDocuments(store.db, [id]);
 */
export async function listIncidentDocuments(db: Db, incidentIds: readonly string[]): Promise<IncidentDocument[]> {
  const out: IncidentDocument[] = [];
  for (const part of chunks([...new Set(incidentIds)], 500)) {
    const rows = await db.selectFrom('incident_documents').selectAll().where('incident_id', 'in', part).orderBy('incident_id').orderBy('path').orderBy('doc_id').execute();
    for (const r of rows) {
      out.push({
        incidentId: r.incident_id,
        docId: r.doc_id,
        path: r.path,
        label: r.label,
        status: r.status as DocumentStatus,
        sha256: r.sha256,
        firstSeen: r.first_seen,
        lastSeen: r.last_seen,
        bytes: Number(r.bytes),
        destinations: JSON.parse(r.destinations_json) as string[],
        eventIds: JSON.parse(r.event_ids_json) as string[],
      });
    }
  }
  return out;
}

/**
 * Inserts or replaces incident destinations (key: incident, destination key).
 *
 * @example
 * await saveIncidentDestinations(store.db, [dest]);
 */
export async function saveIncidentDestinations(db: Db, dests: readonly IncidentDestination[]): Promise<void> {
  const rows: IncidentDestinationsTable[] = dests.map((d) => ({
    incident_id: d.incidentId,
    dest_key: d.key,
    ip: d.ip,
    host: d.host,
    first_seen: d.firstSeen,
    last_seen: d.lastSeen,
    upload_bytes_out: d.uploadBytesOut,
    net_bytes_out: d.netBytesOut,
    bytes_blocked: d.bytesBlocked,
    uploads: d.uploads,
    findings: d.findings,
  }));
  for (const part of chunks(rows, 400)) {
    await db.insertInto('incident_destinations').values(part).onConflict((oc) => oc.columns(['incident_id', 'dest_key']).doUpdateSet(fromExcluded<'incident_destinations'>(DEST_COLS))).execute();
  }
}

/**
 * Destinations of the given incidents, or (with `byKeys`) every incident's destinations whose key, IP or host is one of them.
 *
 * @example
 * const shared = await listIncidentDestinations(store.db, { byKeys: ['203.0.113.9'] });
 */
export async function listIncidentDestinations(db: Db, filter: { incidentIds?: readonly string[]; byKeys?: readonly string[] }): Promise<IncidentDestination[]> {
  const out: IncidentDestination[] = [];
  const values = filter.byKeys ?? filter.incidentIds ?? [];
  for (const part of chunks([...new Set(values)], 300)) {
    let q = db.selectFrom('incident_destinations').selectAll();
    q = filter.byKeys ? q.where((eb) => eb.or([eb('dest_key', 'in', part), eb('ip', 'in', part), eb('host', 'in', part)])) : q.where('incident_id', 'in', part);
    const rows = await q.orderBy('incident_id').orderBy('first_seen').orderBy('dest_key').execute();
    for (const r of rows) {
      out.push({
        incidentId: r.incident_id,
        key: r.dest_key,
        ip: r.ip,
        host: r.host,
        firstSeen: r.first_seen,
        lastSeen: r.last_seen,
        uploadBytesOut: Number(r.upload_bytes_out),
        netBytesOut: Number(r.net_bytes_out),
        bytesBlocked: Number(r.bytes_blocked),
        uploads: Number(r.uploads),
        findings: Number(r.findings),
      });
    }
  }
  return out;
}

/**
 * Inserts or replaces incident findings (key: incident, finding key).
 *
 * @example
 * await saveIncidentFindings(store.db, [finding]);
 */
export async function saveIncidentFindings(db: Db, findings: readonly IncidentFinding[]): Promise<void> {
  const rows: IncidentFindingsTable[] = findings.map((f) => ({ incident_id: f.incidentId, finding_key: f.key, ...toNetFindingColumns(f) }));
  for (const part of chunks(rows, 300)) {
    await db.insertInto('incident_findings').values(part).onConflict((oc) => oc.columns(['incident_id', 'finding_key']).doUpdateSet(fromExcluded<'incident_findings'>(FINDING_COLS))).execute();
  }
}

/**
 * Findings of the given incidents, oldest first.
 *
 * @example
 * const findings = await listIncidentFindings(store.db, [id]);
 */
export async function listIncidentFindings(db: Db, incidentIds: readonly string[]): Promise<IncidentFinding[]> {
  const out: IncidentFinding[] = [];
  for (const part of chunks([...new Set(incidentIds)], 500)) {
    const rows = await db.selectFrom('incident_findings').selectAll().where('incident_id', 'in', part).orderBy('incident_id').orderBy('first_seen').orderBy('finding_key').execute();
    for (const r of rows) {
      out.push({ incidentId: r.incident_id, key: r.finding_key, ...fromNetFindingColumns(r) });
    }
  }
  return out;
}
