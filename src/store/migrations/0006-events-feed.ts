import type { Kysely } from 'kysely';

// Migrations take Kysely<any>: they describe the schema at their point in history, not today's types.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

// The correlator reads events in (time, id) order after a cursor; without this index each page scans the table.
export async function up(db: AnyDb): Promise<void> {
  await db.schema.createIndex('events_time_id').on('events').columns(['time', 'id']).execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropIndex('events_time_id').execute();
}
