import { newId } from '../../core/index.js';
import type { Db } from '../database.js';
import type { AuditTable } from '../tables/auth.js';

/** One audited action: a sign-in, or any change. `detail` carries no secrets. */
export interface AuditEntry {
  readonly id: string;
  readonly org: string;
  readonly time: string;
  readonly actor: string;
  readonly action: string;
  readonly target: string | null;
  readonly ip: string | null;
  readonly detail: Record<string, unknown>;
}

/**
 * Appends to the audit log.
 *
 * @example
 * await recordAudit(store.db, { org: 'default', actor: 'admin', action: 'user.create', target: 'sato', ip: '10.0.0.1', detail: { role: 'analyst' } });
 */
export async function recordAudit(
  db: Db,
  e: { org: string; actor: string; action: string; target?: string | null; ip?: string | null; detail?: Record<string, unknown> },
  now = new Date(),
): Promise<AuditEntry> {
  const row: AuditTable = { id: newId('aud', now.getTime()), org: e.org, time: now.toISOString(), actor: e.actor, action: e.action, target: e.target ?? null, ip: e.ip ?? null, detail_json: JSON.stringify(e.detail ?? {}) };
  await db.insertInto('audit').values(row).execute();
  return fromRow(row);
}

function fromRow(r: AuditTable): AuditEntry {
  return { id: r.id, org: r.org, time: r.time, actor: r.actor, action: r.action, target: r.target, ip: r.ip, detail: JSON.parse(r.detail_json) as Record<string, unknown> };
}

/**
 * Audit entries, newest first.
 *
 * @example
 * const signIns = await listAudit(store.db, { orgs: ['default'], action: 'auth.login' });
 */
export async function listAudit(
  db: Db,
  filter: { orgs?: readonly string[]; actor?: string; action?: string; since?: string; until?: string; limit?: number; offset?: number } = {},
): Promise<AuditEntry[]> {
  let q = db.selectFrom('audit').selectAll();
  if (filter.orgs) {
    if (filter.orgs.length === 0) return [];
    q = q.where('org', 'in', filter.orgs);
  }
  if (filter.actor !== undefined) q = q.where('actor', '=', filter.actor);
  if (filter.action !== undefined) q = q.where('action', '=', filter.action);
  if (filter.since !== undefined) q = q.where('time', '>=', filter.since);
  if (filter.until !== undefined) q = q.where('time', '<', filter.until);
  const rows = await q.orderBy('time', 'desc').orderBy('id', 'desc').limit(filter.limit ?? 1000).offset(filter.offset ?? 0).execute();
  return rows.map(fromRow);
}
