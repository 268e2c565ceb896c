import { PostgresAdapter, sql, type Kysely } from 'kysely';

// Migrations take Kysely<any>: they describe the schema at their point in history, not today's types.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

function isPostgres(db: AnyDb): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

// The bus forwarder reads committed events after a durable cursor, in commit order, so nothing committed late is
// skipped. SQLite commits one writer at a time and gives each row a rising rowid: rowid order is commit order and
// needs no column. PostgreSQL commits concurrently, so a sequence is not commit order; the id of the inserting
// transaction is: every transaction older than the oldest one still running has ended, so rows of those can no
// longer appear behind the cursor.
export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('bus_cursors')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('position', 'text', (c) => c.notNull())
    .addColumn('forwarded', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('last_error', 'text')
    .execute();
  if (isPostgres(db)) {
    await sql`alter table events add column bus_xid xid8 not null default pg_current_xact_id()`.execute(db);
    await sql`create index events_bus_xid_id on events (bus_xid, id)`.execute(db);
  }
}

export async function down(db: AnyDb): Promise<void> {
  if (isPostgres(db)) {
    await sql`drop index events_bus_xid_id`.execute(db);
    await sql`alter table events drop column bus_xid`.execute(db);
  }
  await db.schema.dropTable('bus_cursors').execute();
}
