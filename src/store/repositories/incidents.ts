import type { Db } from '../database.js';
import type { IncidentsTable } from '../tables/incidents.js';
import { chunks } from './upsert.js';

export type IncidentStatus = 'new' | 'investigating' | 'contained' | 'closed';
export type IncidentSeverity = 'low' | 'medium' | 'high' | 'critical';

/** One incident's own row: a compromised host of one organisation. */
export interface IncidentRecord {
  readonly id: string;
  readonly org: string;
  readonly host: string;
  readonly status: IncidentStatus;
  readonly severity: IncidentSeverity;
  readonly assignee: string | null;
  readonly topLabel: string;
  readonly docCount: number;
  readonly leaked: boolean;
  readonly firstSeen: string;
  readonly lastSeen: string;
  readonly createdAt: string;
  readonly updatedAt: string;
}

function toRow(r: IncidentRecord): IncidentsTable {
  return {
    id: r.id,
    org: r.org,
    host: r.host,
    status: r.status,
    severity: r.severity,
    assignee: r.assignee,
    top_label: r.topLabel,
    doc_count: r.docCount,
    leaked: r.leaked ? 1 : 0,
    first_seen: r.firstSeen,
    last_seen: r.lastSeen,
    created_at: r.createdAt,
    updated_at: r.updatedAt,
  };
}

function fromRow(r: IncidentsTable): IncidentRecord {
  return {
    id: r.id,
    org: r.org,
    host: r.host,
    status: r.status as IncidentStatus,
    severity: r.severity as IncidentSeverity,
    assignee: r.assignee,
    topLabel: r.top_label,
    docCount: Number(r.doc_count),
    leaked: Number(r.leaked) === 1,
    firstSeen: r.first_seen,
    lastSeen: r.last_seen,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/**
 * Inserts new incidents or updates the correlated fields of existing ones (key: id); status and assignee
 * change only through `updateIncidentWorkflow`, so correlation never overwrites a responder's decision.
 *
 * @example
 * await saveIncidents(store.db, [incident]);
 */
export async function saveIncidents(db: Db, records: readonly IncidentRecord[]): Promise<void> {
  for (const part of chunks(records.map(toRow), 300)) {
    await db
      .insertInto('incidents')
      .values(part)
      .onConflict((oc) =>
        oc.column('id').doUpdateSet((eb) => ({
          severity: eb.ref('excluded.severity'),
          top_label: eb.ref('excluded.top_label'),
          doc_count: eb.ref('excluded.doc_count'),
          leaked: eb.ref('excluded.leaked'),
          first_seen: eb.ref('excluded.first_seen'),
          last_seen: eb.ref('excluded.last_seen'),
          updated_at: eb.ref('excluded.updated_at'),
        })),
      )
      .execute();
  }
}

/**
 * One incident by id, or undefined.
 *
 * @example
 * const inc = await getIncident(store.db, 'inc_01...');
 */
export async function getIncident(db: Db, id: string): Promise<IncidentRecord | undefined> {
  const r = await db.selectFrom('incidents').selectAll().where('id', '=', id).executeTakeFirst();
  return r ? fromRow(r) : undefined;
}

/**
 * Incidents, most recently active first.
 *
 * @example
 * const open = await listIncidents(store.db, { status: 'new' });
 */
export async function listIncidents(
  db: Db,
  filter: { status?: IncidentStatus; severity?: IncidentSeverity; org?: string; host?: string; ids?: readonly string[]; limit?: number; offset?: number } = {},
): Promise<IncidentRecord[]> {
  let q = db.selectFrom('incidents').selectAll();
  if (filter.status !== undefined) q = q.where('status', '=', filter.status);
  if (filter.severity !== undefined) q = q.where('severity', '=', filter.severity);
  if (filter.org !== undefined) q = q.where('org', '=', filter.org);
  if (filter.host !== undefined) q = q.where('host', '=', filter.host);
  if (filter.ids !== undefined) {
    if (filter.ids.length === 0) return [];
    q = q.where('id', 'in', [...filter.ids]);
  }
  const rows = await q.orderBy('last_seen', 'desc').orderBy('id').limit(filter.limit ?? 10_000).offset(filter.offset ?? 0).execute();
  return rows.map(fromRow);
}

/**
 * The open (not closed, unless `includeClosed`) incidents of the given hosts, any organisation; the correlator picks per (org, host).
 *
 * @example
 * const open = await openIncidentsOfHosts(store.db, ['10.1.2.3']);
 */
export async function openIncidentsOfHosts(db: Db, hosts: readonly string[], options: { includeClosed?: boolean } = {}): Promise<IncidentRecord[]> {
  const out: IncidentRecord[] = [];
  for (const part of chunks([...new Set(hosts)], 500)) {
    let q = db.selectFrom('incidents').selectAll().where('host', 'in', part);
    if (!options.includeClosed) q = q.where('status', '!=', 'closed');
    const rows = await q.execute();
    out.push(...rows.map(fromRow));
  }
  return out;
}

/**
 * Sets an incident's status and assignee (the responder's fields); false when there is no such incident.
 *
 * @example
 * await updateIncidentWorkflow(store.db, id, { status: 'investigating', assignee: 'sato', updatedAt: now });
 */
export async function updateIncidentWorkflow(db: Db, id: string, change: { status: IncidentStatus; assignee: string | null; updatedAt: string }): Promise<boolean> {
  const r = await db.updateTable('incidents').set({ status: change.status, assignee: change.assignee, updated_at: change.updatedAt }).where('id', '=', id).executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}
