import type { Kysely } from 'kysely';

// Migrations take Kysely<any>: they describe the schema at their point in history, not today's types.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

// The console's incident list is "one organisation's, most recently active first": without this index
// every page sorts all of the organisation's incidents.
export async function up(db: AnyDb): Promise<void> {
  await db.schema.createIndex('incidents_org_last_seen').on('incidents').columns(['org', 'last_seen', 'id']).execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropIndex('incidents_org_last_seen').execute();
}
