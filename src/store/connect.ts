import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import { MamoriError } from '../core/index.js';
import type { Database, Db, DialectName } from './database.js';
import { migrateToLatest } from './migrate.js';
import { rememberSqliteHandle } from './sqlite-native.js';

/** Where the store lives. SQLite is the embedded default; PostgreSQL when one box is not enough. */
export type StoreConfig =
  | { readonly kind: 'sqlite'; readonly path: string; readonly synchronous?: 'NORMAL' | 'FULL' }
  | { readonly kind: 'postgres'; readonly url: string; readonly schema?: string; readonly poolSize?: number };

export interface Store {
  readonly db: Db;
  readonly dialect: DialectName;
  close(): Promise<void>;
}

// int8 (bigint) columns hold byte counts and epoch milliseconds: well inside 2^53.
pg.types.setTypeParser(20, (v) => Number(v));
// numeric stays a string in pg; mamori uses double precision instead.

/**
 * Opens the store and brings its schema to the latest migration.
 *
 * @example
 * const store = await openStore({ kind: 'sqlite', path: '.mamori/mamori.db' });
 * await store.db.selectFrom('events').selectAll().execute();
 * await store.close();
 */
export async function openStore(config: StoreConfig): Promise<Store> {
  let db: Db;
  if (config.kind === 'sqlite') {
    if (config.path !== ':memory:') mkdirSync(dirname(config.path), { recursive: true });
    let native: SQLite.Database;
    try {
      native = new SQLite(config.path);
    } catch (e) {
      throw new MamoriError('ERR_STORE', `cannot open SQLite database ${config.path}: ${(e as Error).message}`, { cause: e });
    }
    native.pragma('journal_mode = WAL');
    // FULL: a committed event survives power loss, not only a killed process.
    native.pragma(`synchronous = ${config.synchronous ?? 'FULL'}`);
    native.pragma('busy_timeout = 5000');
    native.pragma('foreign_keys = ON');
    db = new Kysely<Database>({ dialect: new SqliteDialect({ database: native }) });
    rememberSqliteHandle(db, native);
  } else {
    const schema = config.schema;
    const pool = new pg.Pool({
      connectionString: config.url,
      max: config.poolSize ?? 10,
      ...(schema ? { options: `-c search_path=${schema}` } : {}),
    });
    db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    try {
      if (schema) await sql`create schema if not exists ${sql.id(schema)}`.execute(db);
    } catch (e) {
      await db.destroy();
      throw new MamoriError('ERR_STORE', `cannot reach PostgreSQL: ${(e as Error).message}`, { cause: e });
    }
  }
  await migrateToLatest(db, config.kind === 'postgres' ? config.schema : undefined);
  return Object.freeze({ db, dialect: config.kind, close: () => db.destroy() });
}
