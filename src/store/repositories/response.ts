import type { Db } from '../database.js';
import { chunks } from './upsert.js';

/** A host whose uploads policy blocks whatever they contain. */
export interface QuarantineEntry {
  readonly ip: string;
  readonly org: string;
  readonly incidentId: string | null;
  readonly reason: string;
  readonly addedBy: string;
  readonly addedAt: string;
}

/** A destination on the block list: a domain (blocked with its subdomains) or an IP address / CIDR. */
export interface BlocklistEntry {
  readonly value: string;
  readonly kind: 'domain' | 'ip';
  readonly incidentId: string | null;
  readonly reason: string;
  readonly addedBy: string;
  readonly addedAt: string;
}

/**
 * Adds a host to quarantine (or updates its reason).
 *
 * @example
 * await upsertQuarantine(store.db, { ip: '10.1.2.3', org: 'mof', incidentId: null, reason: 'beaconing', addedBy: 'sato', addedAt });
 */
export async function upsertQuarantine(db: Db, e: QuarantineEntry): Promise<void> {
  const row = { ip: e.ip, org: e.org, incident_id: e.incidentId, reason: e.reason, added_by: e.addedBy, added_at: e.addedAt };
  await db.insertInto('quarantine').values(row).onConflict((oc) => oc.column('ip').doUpdateSet({ org: row.org, incident_id: row.incident_id, reason: row.reason })).execute();
}

/**
 * Removes a host from quarantine; true when it was there.
 *
 * @example
 * await deleteQuarantine(store.db, '10.1.2.3');
 */
export async function deleteQuarantine(db: Db, ip: string): Promise<boolean> {
  const r = await db.deleteFrom('quarantine').where('ip', '=', ip).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

/**
 * Every quarantined host.
 *
 * @example
 * const hosts = await listQuarantine(store.db);
 */
export async function listQuarantine(db: Db): Promise<QuarantineEntry[]> {
  const rows = await db.selectFrom('quarantine').selectAll().orderBy('ip').execute();
  return rows.map((r) => ({ ip: r.ip, org: r.org, incidentId: r.incident_id, reason: r.reason, addedBy: r.added_by, addedAt: r.added_at }));
}

/**
 * Adds block list entries; existing values keep their first reason and incident.
 *
 * @example
 * await addBlocklist(store.db, [{ value: 'evil.example', kind: 'domain', incidentId, reason: 'exfiltration server', addedBy: 'mamori', addedAt }]);
 */
export async function addBlocklist(db: Db, entries: readonly BlocklistEntry[]): Promise<string[]> {
  const added: string[] = [];
  for (const part of chunks(entries, 500)) {
    const rows = part.map((e) => ({ value: e.value, kind: e.kind, incident_id: e.incidentId, reason: e.reason, added_by: e.addedBy, added_at: e.addedAt }));
    const r = await db.insertInto('blocklist').values(rows).onConflict((oc) => oc.column('value').doNothing()).returning('value').execute();
    added.push(...r.map((x) => x.value));
  }
  return added;
}

/**
 * Removes a value from the block list; true when it was there.
 *
 * @example
 * await deleteBlocklist(store.db, 'evil.example');
 */
export async function deleteBlocklist(db: Db, value: string): Promise<boolean> {
  const r = await db.deleteFrom('blocklist').where('value', '=', value).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

/**
 * The block list, optionally only the entries an incident added.
 *
 * @example
 * const all = await listBlocklist(store.db);
 */
export async function listBlocklist(db: Db, filter: { incidentId?: string } = {}): Promise<BlocklistEntry[]> {
  let q = db.selectFrom('blocklist').selectAll();
  if (filter.incidentId !== undefined) q = q.where('incident_id', '=', filter.incidentId);
  const rows = await q.orderBy('kind').orderBy('value').execute();
  return rows.map((r) => ({ value: r.value, kind: r.kind as BlocklistEntry['kind'], incidentId: r.incident_id, reason: r.reason, addedBy: r.added_by, addedAt: r.added_at }));
}
