import { PostgresAdapter, sql } from 'kysely';
import type { MamoriEvent } from '../../core/index.js';
import type { Db, DialectName } from '../database.js';
import type { EventsTable } from '../tables/core.js';
import { fromRow } from './events.js';

// The events table read in the order rows were committed, after an opaque position: the feed of every reader that
// must see each stored event once however late its timestamp is (the bus forwarder, the incident correlator).
// SQLite commits one writer at a time and gives each row a rising rowid, so rowid order is commit order. PostgreSQL
// commits concurrently; there each row carries its inserting transaction (`events.bus_xid`, migration 0009) and only
// rows of transactions older than the oldest one still running are read, so none can later appear behind a position.

/** A committed event with the position just after it in commit order. */
export interface CommittedEvent {
  readonly event: MamoriEvent;
  readonly position: string;
}

/**
 * The dialect of a store handle (also of a transaction on it), for callers that hold only `db`.
 *
 * @example
 * const page = await committedEventsAfter(db, dialectOf(db), '', 100);
 */
export function dialectOf(db: Db): DialectName {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}

// Positions are `<rowid>:<event id>` (SQLite) or `<xid8>:<event id>` (PostgreSQL). On SQLite the id finds the row
// again should a VACUUM renumber rowids.
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
 * Committed events after `position` ('' for the start) in commit order, oldest first, each with its own position.
 * Unlike a (time, id) feed it never skips an event committed after a later-timed one, nor one whose clock was
 * behind. On PostgreSQL an event shows once no transaction older than its own is still running.
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
 * The position of the newest event `committedEventsAfter` would return now ('' when there is none): reading from
 * it yields only what commits later.
 *
 * @example
 * const now = await lastCommittedPosition(store.db, store.dialect);
 */
export async function lastCommittedPosition(db: Db, dialect: DialectName): Promise<string> {
  if (dialect === 'sqlite') {
    const r = await db.selectFrom('events').select(['id', sql<number>`rowid`.as('seq')]).orderBy(sql`rowid`, 'desc').limit(1).executeTakeFirst();
    return r ? `${r.seq}:${r.id}` : '';
  }
  const r = await db
    .selectFrom('events')
    .select(['id', sql<string>`events.bus_xid::text`.as('seq')])
    .where(sql<boolean>`bus_xid < pg_snapshot_xmin(pg_current_snapshot())`)
    .orderBy(sql`events.bus_xid`, 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return r ? `${r.seq}:${r.id}` : '';
}

/**
 * How many committed events lie after `position` (a reader's lag), counting up to `cap`.
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
