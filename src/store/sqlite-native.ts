import type SQLite from 'better-sqlite3';
import type { Db } from './database.js';

// The better-sqlite3 handle behind each SQLite store's Kysely instance. Kysely prepares every statement anew
// and builds it from a query tree; a hot write path (an event per upload) reuses one prepared statement instead.
const handles = new WeakMap<Db, SQLite.Database>();

/** Records that `db` runs on `native` (openStore does this for SQLite stores). */
export function rememberSqliteHandle(db: Db, native: SQLite.Database): void {
  handles.set(db, native);
}

/**
 * The better-sqlite3 handle of a SQLite store, for a write that must not wait for Kysely's query building:
 * undefined for PostgreSQL, for a transaction handle, and while a transaction is open on the connection (an
 * interleaved write would then join that transaction; the caller goes through Kysely, which waits for it).
 *
 * @example
 * const native = idleSqliteHandle(store.db);
 * if (native) native.prepare('insert into …').run(row);
 */
export function idleSqliteHandle(db: Db): SQLite.Database | undefined {
  const native = handles.get(db);
  return native && native.open && !native.inTransaction ? native : undefined;
}
