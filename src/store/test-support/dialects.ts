import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { DialectName } from '../database.js';
import { openStore, type Store } from '../connect.js';

/** Every database mamori supports; repository tests loop over all of them. */
export const DIALECTS: readonly DialectName[] = ['sqlite', 'postgres'];

/** PostgreSQL for tests: MAMORI_TEST_PG_URL, default the project machines' trust-auth database `test`. */
export const TEST_PG_URL = process.env.MAMORI_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** True when the CI wants service-backed tests to fail instead of skipping. */
export const REQUIRE_SERVICES = process.env.MAMORI_REQUIRE_SERVICES === '1';

async function probePostgres(): Promise<string | null> {
  const client = new pg.Client({ connectionString: TEST_PG_URL, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('select 1');
    return null;
  } catch (e) {
    return `PostgreSQL not reachable at ${TEST_PG_URL}: ${(e as Error).message}`;
  } finally {
    await client.end().catch(() => undefined);
  }
}

const pgProblem = await probePostgres();

/**
 * Why tests for `dialect` must skip, or false to run them. With MAMORI_REQUIRE_SERVICES=1 never skips:
 * the tests then fail on the missing service.
 *
 * @example
 * for (const dialect of DIALECTS) describe(`events (${dialect})`, { skip: skipReason(dialect) }, () => { ... });
 */
export function skipReason(dialect: DialectName): string | false {
  if (dialect === 'postgres' && pgProblem && !REQUIRE_SERVICES) return `${pgProblem} (set MAMORI_REQUIRE_SERVICES=1 to fail instead)`;
  return false;
}

/**
 * Advisory-lock key that orders test schemas' creation against their removal. Kysely's migrator lists every
 * table of every schema (its introspection calls pg_get_serial_sequence on each), so a schema that another
 * test file drops at that moment fails the listing with "schema … does not exist". Migrations hold the lock
 * shared, drops hold it alone.
 */
const SCHEMA_DDL_LOCK = 0x6d616d6f;

async function withSchemaLock<T>(mode: 'shared' | 'exclusive', work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: TEST_PG_URL });
  await client.connect();
  try {
    await client.query(mode === 'shared' ? 'select pg_advisory_lock_shared($1)' : 'select pg_advisory_lock($1)', [SCHEMA_DDL_LOCK]);
    return await work(client);
  } finally {
    // Ending the session releases the lock.
    await client.end();
  }
}

/**
 * A fresh, empty, migrated store: an in-memory SQLite database, or a new PostgreSQL schema dropped on close.
 */
export async function openTestStore(dialect: DialectName): Promise<Store> {
  if (dialect === 'sqlite') return openStore({ kind: 'sqlite', path: ':memory:' });
  const schema = `mamori_test_${randomBytes(6).toString('hex')}`;
  const store = await withSchemaLock('shared', () => openStore({ kind: 'postgres', url: TEST_PG_URL, schema, poolSize: 4 }));
  return {
    ...store,
    async close() {
      await store.close();
      await withSchemaLock('exclusive', (client) => client.query(`drop schema if exists ${schema} cascade`));
    },
  };
}
