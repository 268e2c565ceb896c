import { PostgresAdapter, sql, type Kysely } from 'kysely';

// Migrations take Kysely<any>: they describe the schema at their point in history, not today's types.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  const binary = db.getExecutor().adapter instanceof PostgresAdapter ? sql`bytea` : sql`blob`;
  await db.schema
    .createTable('documents')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org', 'text', (c) => c.notNull())
    .addColumn('path', 'text', (c) => c.notNull())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('owner', 'text')
    .addColumn('size', 'bigint', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('mtime_ms', 'bigint', (c) => c.notNull())
    .addColumn('chars', 'bigint', (c) => c.notNull())
    .addColumn('fingerprint_count', 'integer', (c) => c.notNull())
    .addColumn('scheme', 'text', (c) => c.notNull())
    .addColumn('fingerprints', binary, (c) => c.notNull())
    .addColumn('checks', binary, (c) => c.notNull())
    .addColumn('registered_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('documents_org_path', ['org', 'path'])
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable('documents').execute();
}
