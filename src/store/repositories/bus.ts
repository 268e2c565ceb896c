import { sql } from 'kysely';
import type { MamoriEvent } from '../../core/index.js';
import type { Db, DialectName } from '../database.js';
import type { EventsTable } from '../tables/core.js';
import { fromRow } from './events.js';

/** Where a forwarder stands: the last event it handed on, how many in all, its last failure. */
export interface BusCursor {
  readonly name: string;
  /** Opaque position in commit order; '' before the first event. */
  readonly position: string;
  readonly forwarded: number;
  readonly updatedAt: string;
  readonly lastError: string | null;
}

/** A committed event with the position just after it in commit order. */
export interface CommittedEvent {
  readonly event: MamoriEvent;
  readonly position: string;
}

/**
 * The forwarder's cursor, or undefined before its first save.
 *
 * @example
 * const cursor = await getBusCursor(store.db, 'events:MAMORI');
 */
export async function getBusCursor(db: Db, name: string): Promise<BusCursor | undefined> {
  const r = await db.selectFrom('bus_cursors').selectAll().where('name', '=', name).executeTakeFirst();
  return r ? { name: r.name, position: r.position, forwarded: Number(r.forwarded), updatedAt: r.updated_at, lastError: r.last_error } : undefined;
}

/** Every forwarder cursor of this store, by name. */
export async function listBusCursors(db: Db): Promise<BusCursor[]> {
  const rows = await db.selectFrom('bus_cursors').selectAll().orderBy('name').execute();
  return rows.map((r) => ({ name: r.name, position: r.position, forwarded: Number(r.forwarded), updatedAt: r.updated_at, lastError: r.last_error }));
}

/**
 * Moves the cursor to `position` after `count` more events were handed on (clears the last error), or only
 * records a failure when `error` is given.
 *
 * @example
 * await saveBusCursor(store.db, 'events:MAMORI', { position: page.at(-1).position, count: page.length });
 */
export async function saveBusCursor(db: Db, name: string, change: { position?: string; count?: number; error?: string | null }, now = new Date()): Promise<void> {
  const t = now.toISOString();
  const error = change.error === undefined ? null : change.error === null ? null : change.error.slice(0, 500);
  await db
    .insertInto('bus_cursors')
    .values({ name, position: change.position ?? '', forwarded: change.count ?? 0, updated_at: t, last_error: error })
    .onConflict((oc) =>
      oc.column('name').doUpdateSet((eb) => ({
        ...(change.position !== undefined ? { position: change.position } : {}),
        forwarded: eb('bus_cursors.forwarded', '+', change.count ?? 0),
        updated_at: t,
        last_error: error,
      })),
    )
    .execute();
}

// SQLite positions are `<rowid>:<event id>`: the id finds the row again should a VACUUM renumber rowids.
function splitPosition(position: string): { seq: string; id: string } | undefined {
  const i = position.indexOf(':');
  return i > 0 ? { seq: position.slice(0, i), id: position.slice(i + 1) } : undefined;
}

async function sqliteAfter(db: Db, position: string): Promise<number> {
  const p = splitPosition(position);
  if (!p) return 0;
  const r = await db.selectFrom('events').select(sql<number>`rowid`.as('seq')).where('id', '=', p.id).executeTakeFirst();
  return r ? Number(r.seq) : Number(p.seq);
}

/**
 * Committed events after `position` in commit order, oldest first, each with its own position: the forwarder's feed.
 * Unlike the (time, id) feed it never skips an event committed after a later-timed one. On PostgreSQL an event
 * shows once no transaction older than its own is still running.
 *
 * @example
 * const page = await committedEventsAfter(store.db, store.dialect, cursor?.position ?? '', 500);
 */
export async function committedEventsAfter(db: Db, dialect: DialectName, position: string, limit: number): Promise<CommittedEvent[]> {
  if (dialect === 'sqlite') {
    const after = await sqliteAfter(db, position);
    const rows = await db
      .selectFrom('events')
      .selectAll()
      .select(sql<number>`rowid`.as('bus_seq'))
      .where(sql<boolean>`rowid > ${after}`)
      .orderBy(sql`rowid`)
      .limit(limit)
      .execute();
    return rows.map(({ bus_seq, ...r }) => ({ event: fromRow(r as EventsTable), position: `${bus_seq}:${r.id}` }));
  }
  const p = splitPosition(position);
  let q = db
    .selectFrom('events')
    .selectAll()
    .select(sql<string>`events.bus_xid::text`.as('bus_pos'))
    .where(sql<boolean>`bus_xid < pg_snapshot_xmin(pg_current_snapshot())`);
  if (p) q = q.where(sql<boolean>`(bus_xid, id) > (${p.seq}::xid8, ${p.id})`);
  const rows = await q.orderBy(sql`events.bus_xid`).orderBy('id').limit(limit).execute();
  return rows.map(({ bus_pos, ...r }) => ({ event: fromRow(r as EventsTable), position: `${bus_pos}:${r.id}` }));
}

/**
 * How many committed events lie after `position` (the forwarder's lag), counting up to `cap`.
 *
 * @example
 * const lag = await countEventsAfter(store.db, store.dialect, cursor.position);
 */
export async function countEventsAfter(db: Db, dialect: DialectName, position: string, cap = 1_000_000): Promise<number> {
  let inner;
  if (dialect === 'sqlite') {
    const after = await sqliteAfter(db, position);
    inner = db.selectFrom('events').select('id').where(sql<boolean>`rowid > ${after}`).limit(cap);
  } else {
    const p = splitPosition(position);
    inner = db.selectFrom('events').select('id').limit(cap);
    if (p) inner = inner.where(sql<boolean>`(bus_xid, id) > (${p.seq}::xid8, ${p.id})`);
  }
  const r = await db.selectFrom(inner.as('pending')).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(r.n);
}
