import { sql } from 'kysely';
import type { Db } from '../database.js';

/** Scope and window of an overview: one organisation, or all when `org` is undefined. */
export interface StatsWindow {
  readonly org?: string;
  readonly since: string;
  readonly until?: string;
}

/** Events per time bucket: all, blocked, alerted. */
export interface TimelinePoint {
  readonly bucket: string;
  readonly total: number;
  readonly blocked: number;
  readonly alerted: number;
}

function scoped(db: Db, w: StatsWindow) {
  let q = db.selectFrom('events').where('time', '>=', w.since);
  if (w.until !== undefined) q = q.where('time', '<', w.until);
  if (w.org !== undefined) q = q.where('org', '=', w.org);
  return q;
}

/**
 * Counts of events per hour (`YYYY-MM-DDTHH`) or day (`YYYY-MM-DD`), oldest first.
 * Times are ISO text, so a prefix is the bucket in both dialects.
 *
 * @example
 * const points = await eventTimeline(store.db, { org: 'default', since: '2026-11-01T00:00:00Z' }, 'hour');
 */
export async function eventTimeline(db: Db, w: StatsWindow, bucket: 'hour' | 'day'): Promise<TimelinePoint[]> {
  const len = bucket === 'hour' ? 13 : 10;
  const b = sql<string>`substr(time, 1, ${sql.lit(len)})`;
  const rows = await scoped(db, w)
    .select([
      b.as('bucket'),
      (eb) => eb.fn.countAll<number>().as('total'),
      sql<number>`sum(case when action = 'block' then 1 else 0 end)`.as('blocked'),
      sql<number>`sum(case when action = 'alert' then 1 else 0 end)`.as('alerted'),
    ])
    .groupBy(b)
    .orderBy(b)
    .execute();
  return rows.map((r) => ({ bucket: r.bucket, total: Number(r.total), blocked: Number(r.blocked), alerted: Number(r.alerted) }));
}

/**
 * The most frequent values of a column (client hosts, destinations, labels), optionally among one action only.
 *
 * @example
 * const topDest = await topEventValues(store.db, { since }, 'dest_host', { action: 'block', limit: 10 });
 */
export async function topEventValues(
  db: Db,
  w: StatsWindow,
  column: 'client_ip' | 'dest_host' | 'label' | 'rule',
  opts: { action?: 'allow' | 'alert' | 'block'; limit?: number } = {},
): Promise<{ value: string; count: number }[]> {
  let q = scoped(db, w).where(column, 'is not', null);
  if (opts.action !== undefined) q = q.where('action', '=', opts.action);
  const rows = await q
    .select([sql.ref<string>(column).as('value'), (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy(column)
    .orderBy('n', 'desc')
    .orderBy(column)
    .limit(opts.limit ?? 10)
    .execute();
  return rows.map((r) => ({ value: r.value, count: Number(r.n) }));
}

/**
 * Incidents of one organisation (or all) counted by severity and status, for the overview.
 *
 * @example
 * const counts = await incidentCounts(store.db, { org: 'mof' });
 */
export async function incidentCounts(db: Db, w: { org?: string }): Promise<{ severity: string; status: string; count: number }[]> {
  let q = db.selectFrom('incidents');
  if (w.org !== undefined) q = q.where('org', '=', w.org);
  const rows = await q.select(['severity', 'status', (eb) => eb.fn.countAll<number>().as('n')]).groupBy(['severity', 'status']).orderBy('severity').orderBy('status').execute();
  return rows.map((r) => ({ severity: r.severity, status: r.status, count: Number(r.n) }));
}
