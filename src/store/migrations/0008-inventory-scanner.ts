import type { Kysely } from 'kysely';

// Migrations take Kysely<any>: they describe the schema at their point in history, not today's types.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

// What the inventory entry was classified with (version, detection config, registry state): a rescan re-reads
// an unchanged file when that changed, so a new detector or a newly registered document is not missed.
export async function up(db: AnyDb): Promise<void> {
  await db.schema.alterTable('inventory').addColumn('scanner', 'text', (c) => c.notNull().defaultTo('')).execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.alterTable('inventory').dropColumn('scanner').execute();
}
