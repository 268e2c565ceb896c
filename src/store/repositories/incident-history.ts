import type { Db } from '../database.js';
import { chunks } from './upsert.js';

/** References to the evidence behind a timeline entry. */
export interface Evidence {
  readonly eventIds?: string[];
  readonly findingKeys?: string[];
  readonly auditIds?: string[];
  readonly docIds?: string[];
  readonly destinations?: string[];
}

/** One entry of an incident's timeline. Evidence entries have ids `event:<id>` / `finding:<key>`. */
export interface TimelineEntry {
  readonly id: string;
  readonly incidentId: string;
  readonly time: string;
  readonly kind: string;
  readonly summary: string;
  readonly evidence: Evidence;
}

/** One audited change: who changed which field of which incident, from what to what, when, and why. */
export interface IncidentAuditEntry {
  readonly id: string;
  readonly incidentId: string;
  readonly time: string;
  readonly actor: string;
  readonly field: string;
  readonly oldValue: string | null;
  readonly newValue: string | null;
  readonly note: string | null;
}

/** Two incidents sharing a destination or a host (campaign view), or linked by the national centre. Stored in both directions. */
export interface IncidentLink {
  readonly incidentId: string;
  readonly otherId: string;
  readonly via: 'destination' | 'host' | 'center';
  readonly value: string;
  readonly createdAt: string;
}

/**
 * Adds or replaces timeline entries (key: id).
 *
 * @example
 * await saveTimeline(store.db, [{ id: 'event:evt_1', incidentId, time, kind: 'upload-blocked', summary, evidence: { eventIds: ['evt_1'] } }]);
 */
export async function saveTimeline(db: Db, entries: readonly TimelineEntry[]): Promise<void> {
  const rows = entries.map((e) => ({ id: e.id, incident_id: e.incidentId, time: e.time, kind: e.kind, summary: e.summary, evidence_json: JSON.stringify(e.evidence) }));
  for (const part of chunks(rows, 500)) {
    await db
      .insertInto('incident_timeline')
      .values(part)
      .onConflict((oc) => oc.column('id').doUpdateSet((eb) => ({ time: eb.ref('excluded.time'), summary: eb.ref('excluded.summary'), evidence_json: eb.ref('excluded.evidence_json') })))
      .execute();
  }
}

/**
 * Which of `ids` already have a timeline entry: the correlator's memory of processed evidence.
 *
 * @example
 * const seen = await existingTimelineIds(store.db, ['event:evt_1']);
 */
export async function existingTimelineIds(db: Db, ids: readonly string[]): Promise<Set<string>> {
  const seen = new Set<string>();
  for (const part of chunks([...new Set(ids)], 900)) {
    const rows = await db.selectFrom('incident_timeline').select('id').where('id', 'in', part).execute();
    for (const r of rows) seen.add(r.id);
  }
  return seen;
}

/**
 * An incident's timeline, oldest first.
 *
 * @example
 * const timeline = await listTimeline(store.db, id);
 */
export async function listTimeline(db: Db, incidentId: string): Promise<TimelineEntry[]> {
  const rows = await db.selectFrom('incident_timeline').selectAll().where('incident_id', '=', incidentId).orderBy('time').orderBy('id').execute();
  return rows.map((r) => ({ id: r.id, incidentId: r.incident_id, time: r.time, kind: r.kind, summary: r.summary, evidence: JSON.parse(r.evidence_json) as Evidence }));
}

/**
 * Records audited changes.
 *
 * @example
 * await insertIncidentAudit(store.db, [{ id: newId('aud'), incidentId, time, actor: 'sato', field: 'status', oldValue: 'new', newValue: 'investigating', note: null }]);
 */
export async function insertIncidentAudit(db: Db, entries: readonly IncidentAuditEntry[]): Promise<void> {
  const rows = entries.map((a) => ({ id: a.id, incident_id: a.incidentId, time: a.time, actor: a.actor, field: a.field, old_value: a.oldValue, new_value: a.newValue, note: a.note }));
  for (const part of chunks(rows, 500)) await db.insertInto('incident_audit').values(part).execute();
}

/**
 * An incident's audit trail, oldest first.
 *
 * @example
 * const trail = await listIncidentAudit(store.db, id);
 */
export async function listIncidentAudit(db: Db, incidentId: string): Promise<IncidentAuditEntry[]> {
  const rows = await db.selectFrom('incident_audit').selectAll().where('incident_id', '=', incidentId).orderBy('time').orderBy('id').execute();
  return rows.map((r) => ({ id: r.id, incidentId: r.incident_id, time: r.time, actor: r.actor, field: r.field, oldValue: r.old_value, newValue: r.new_value, note: r.note }));
}

/**
 * Adds links (ignores ones already there).
 *
 * @example
 * await saveLinks(store.db, [{ incidentId: a, otherId: b, via: 'destination', value: '203.0.113.9', createdAt }]);
 */
export async function saveLinks(db: Db, links: readonly IncidentLink[]): Promise<void> {
  const rows = links.map((l) => ({ incident_id: l.incidentId, other_id: l.otherId, via: l.via, value: l.value, created_at: l.createdAt }));
  for (const part of chunks(rows, 500)) {
    await db.insertInto('incident_links').values(part).onConflict((oc) => oc.columns(['incident_id', 'other_id', 'via', 'value']).doNothing()).execute();
  }
}

/**
 * Links of one incident.
 *
 * @example
 * const related = await listLinks(store.db, id);
 */
export async function listLinks(db: Db, incidentId: string): Promise<IncidentLink[]> {
  const rows = await db.selectFrom('incident_links').selectAll().where('incident_id', '=', incidentId).orderBy('other_id').orderBy('value').execute();
  return rows.map((r) => ({ incidentId: r.incident_id, otherId: r.other_id, via: r.via as IncidentLink['via'], value: r.value, createdAt: r.created_at }));
}

/**
 * A named correlation cursor or other small state, or undefined.
 *
 * @example
 * const cursor = await getCorrelationState(store.db, 'events');
 */
export async function getCorrelationState(db: Db, name: string): Promise<string | undefined> {
  const r = await db.selectFrom('correlation_state').select('value').where('name', '=', name).executeTakeFirst();
  return r?.value;
}

/**
 * Sets a named correlation state value.
 *
 * @example
 * await setCorrelationState(store.db, 'events', JSON.stringify(cursor));
 */
export async function setCorrelationState(db: Db, name: string, value: string): Promise<void> {
  const now = new Date().toISOString();
  await db
    .insertInto('correlation_state')
    .values({ name, value, updated_at: now })
    .onConflict((oc) => oc.column('name').doUpdateSet({ value, updated_at: now }))
    .execute();
}
