import type { Kysely } from 'kysely';

// Migrations take Kysely<any>: they describe the schema at their point in history, not today's types.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('orgs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org', 'text', (c) => c.notNull())
    .addColumn('time', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('monitored', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('rule', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('client_ip', 'text')
    .addColumn('user_name', 'text')
    .addColumn('method', 'text')
    .addColumn('url', 'text')
    .addColumn('dest_host', 'text')
    .addColumn('dest_ip', 'text')
    .addColumn('bytes', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('unscannable', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('sha256', 'text')
    .addColumn('file_name', 'text')
    .addColumn('findings_json', 'text', (c) => c.notNull())
    .addColumn('matches_json', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('events_org_time').on('events').columns(['org', 'time']).execute();
  await db.schema.createIndex('events_client_time').on('events').columns(['client_ip', 'time']).execute();

  await db.schema
    .createTable('inventory')
    .addColumn('org', 'text', (c) => c.notNull())
    .addColumn('host', 'text', (c) => c.notNull())
    .addColumn('path', 'text', (c) => c.notNull())
    .addColumn('size', 'bigint', (c) => c.notNull())
    .addColumn('mtime_ms', 'bigint', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('unscannable', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('findings_json', 'text', (c) => c.notNull())
    .addColumn('matches_json', 'text', (c) => c.notNull())
    .addColumn('errors_json', 'text', (c) => c.notNull())
    .addColumn('scanned_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('inventory_pk', ['org', 'host', 'path'])
    .execute();
  await db.schema.createIndex('inventory_sha256').on('inventory').column('sha256').execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable('inventory').execute();
  await db.schema.dropTable('events').execute();
  await db.schema.dropTable('orgs').execute();
}
