import type { Action, MamoriEvent } from '../../core/index.js';
import type { Db } from '../database.js';
import type SQLite from 'better-sqlite3';
import { idleSqliteHandle } from '../sqlite-native.js';
import type { EventsTable } from '../tables/core.js';

/** Filters for `listEvents`; all optional, combined with AND. */
export interface EventFilter {
  readonly org?: string;
  readonly since?: string;
  readonly until?: string;
  readonly action?: Action;
  readonly clientIp?: string;
  readonly label?: string;
  readonly destHost?: string;
  readonly channel?: string;
  readonly limit?: number;
  readonly offset?: number;
}

function toRow(e: MamoriEvent): EventsTable {
  return {
    id: e.id,
    org: e.org,
    time: e.time,
    channel: e.channel,
    action: e.action,
    monitored: e.monitored ? 1 : 0,
    rule: e.rule,
    reason: e.reason,
    client_ip: e.clientIp,
    user_name: e.user,
    method: e.method,
    url: e.url,
    dest_host: e.destHost,
    dest_ip: e.destIp,
    bytes: e.bytes,
    label: e.label,
    unscannable: e.unscannable ? 1 : 0,
    sha256: e.sha256,
    file_name: e.fileName,
    findings_json: JSON.stringify(e.findings),
    matches_json: JSON.stringify(e.matches),
  };
}

export function fromRow(r: EventsTable): MamoriEvent {
  return {
    id: r.id,
    org: r.org,
    time: r.time,
    channel: r.channel as MamoriEvent['channel'],
    action: r.action as Action,
    monitored: Number(r.monitored) === 1,
    rule: r.rule,
    reason: r.reason,
    clientIp: r.client_ip,
    user: r.user_name,
    method: r.method,
    url: r.url,
    destHost: r.dest_host,
    destIp: r.dest_ip,
    bytes: Number(r.bytes),
    label: r.label,
    unscannable: Number(r.unscannable) === 1,
    sha256: r.sha256,
    fileName: r.file_name,
    findings: JSON.parse(r.findings_json) as MamoriEvent['findings'],
    matches: JSON.parse(r.matches_json) as MamoriEvent['matches'],
  };
}

/**
 * Stores events. Resolves once the rows are committed (durable per the store's settings).
 * Callers go through `recordEvent` in `inspect`'s event module, not here directly.
 *
 * @example
 * await insertEvents(store.db, [event]);
 */
export async function insertEvents(db: Db, events: readonly MamoriEvent[]): Promise<void> {
  if (events.length === 0) return;
  const native = idleSqliteHandle(db);
  if (native) return void insertBatch(native, events[0]!)(events);
  // Chunked: PostgreSQL caps bind parameters at 65535 per statement.
  for (let i = 0; i < events.length; i += 500) {
    await db.insertInto('events').values(events.slice(i, i + 500).map(toRow)).execute();
  }
}

/** One transaction inserting a batch through a statement prepared once per connection (SQLite's hot path). */
const batchInserts = new WeakMap<SQLite.Database, (events: readonly MamoriEvent[]) => void>();

function insertBatch(native: SQLite.Database, sample: MamoriEvent): (events: readonly MamoriEvent[]) => void {
  let insert = batchInserts.get(native);
  if (!insert) {
    // The columns are those toRow fills, so the statement cannot miss one the Kysely path would write.
    const columns = Object.keys(toRow(sample));
    const statement = native.prepare<[EventsTable]>(`insert into events (${columns.join(', ')}) values (${columns.map((c) => `@${c}`).join(', ')})`);
    insert = native.transaction((events: readonly MamoriEvent[]) => {
      for (const e of events) statement.run(toRow(e));
    });
    batchInserts.set(native, insert);
  }
  return insert;
}

/**
 * Events matching `filter`, newest first.
 *
 * @example
 * const blocked = await listEvents(store.db, { action: 'block', since: '2026-01-01T00:00:00Z' });
 */
export async function listEvents(db: Db, filter: EventFilter = {}): Promise<MamoriEvent[]> {
  let q = db.selectFrom('events').selectAll();
  if (filter.org !== undefined) q = q.where('org', '=', filter.org);
  if (filter.since !== undefined) q = q.where('time', '>=', filter.since);
  if (filter.until !== undefined) q = q.where('time', '<', filter.until);
  if (filter.action !== undefined) q = q.where('action', '=', filter.action);
  if (filter.clientIp !== undefined) q = q.where('client_ip', '=', filter.clientIp);
  if (filter.label !== undefined) q = q.where('label', '=', filter.label);
  if (filter.destHost !== undefined) q = q.where('dest_host', '=', filter.destHost);
  if (filter.channel !== undefined) q = q.where('channel', '=', filter.channel);
  const rows = await q
    .orderBy('time', 'desc')
    .orderBy('id', 'desc')
    .limit(filter.limit ?? 1000)
    .offset(filter.offset ?? 0)
    .execute();
  return rows.map(fromRow);
}

/**
 * One event by id, or undefined.
 *
 * @example
 * const e = await getEvent(store.db, 'evt_...');
 */
export async function getEvent(db: Db, id: string): Promise<MamoriEvent | undefined> {
  const r = await db.selectFrom('events').selectAll().where('id', '=', id).executeTakeFirst();
  return r ? fromRow(r) : undefined;
}

/**
 * Stores events that are not stored yet (by id) and returns those it stored: the same event delivered twice
 * is one row. Resolves once committed.
 *
 * @example
 * const fresh = await insertEventsIfAbsent(store.db, events);
 */
export async function insertEventsIfAbsent(db: Db, events: readonly MamoriEvent[]): Promise<MamoriEvent[]> {
  if (events.length === 0) return [];
  const stored = new Set<string>();
  for (let i = 0; i < events.length; i += 500) {
    const rows = await db
      .insertInto('events')
      .values(events.slice(i, i + 500).map(toRow))
      .onConflict((oc) => oc.column('id').doNothing())
      .returning('id')
      .execute();
    for (const r of rows) stored.add(r.id);
  }
  return events.filter((e) => stored.has(e.id));
}
