import type { Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('netlog_pairs')
    .addColumn('org', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('src', 'text', (c) => c.notNull())
    .addColumn('dst', 'text', (c) => c.notNull())
    .addColumn('dst_host', 'text')
    .addColumn('ports_json', 'text', (c) => c.notNull())
    .addColumn('distinct_ports', 'integer', (c) => c.notNull())
    .addColumn('connections', 'bigint', (c) => c.notNull())
    .addColumn('failed', 'bigint', (c) => c.notNull())
    .addColumn('dupes', 'bigint', (c) => c.notNull())
    .addColumn('bytes_out', 'bigint', (c) => c.notNull())
    .addColumn('bytes_in', 'bigint', (c) => c.notNull())
    .addColumn('first_seen', 'text', (c) => c.notNull())
    .addColumn('last_seen', 'text', (c) => c.notNull())
    .addColumn('max_duration', 'double precision', (c) => c.notNull())
    .addColumn('total_duration', 'double precision', (c) => c.notNull())
    .addColumn('intervals_json', 'text', (c) => c.notNull())
    .addColumn('sizes_json', 'text', (c) => c.notNull())
    .addColumn('hours_json', 'text', (c) => c.notNull())
    .addColumn('hours_seen', 'integer', (c) => c.notNull())
    .addColumn('last_hour', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('netlog_pairs_pk', ['org', 'key'])
    .execute();
  await db.schema.createIndex('netlog_pairs_dst').on('netlog_pairs').columns(['org', 'dst']).execute();

  await db.schema
    .createTable('netlog_dns')
    .addColumn('org', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('src', 'text', (c) => c.notNull())
    .addColumn('domain', 'text', (c) => c.notNull())
    .addColumn('queries', 'bigint', (c) => c.notNull())
    .addColumn('nx', 'bigint', (c) => c.notNull())
    .addColumn('txt', 'bigint', (c) => c.notNull())
    .addColumn('unique_sketch', 'text', (c) => c.notNull())
    .addColumn('nx_sketch', 'text', (c) => c.notNull())
    .addColumn('label_chars', 'bigint', (c) => c.notNull())
    .addColumn('max_label', 'integer', (c) => c.notNull())
    .addColumn('entropy_sum', 'double precision', (c) => c.notNull())
    .addColumn('samples_json', 'text', (c) => c.notNull())
    .addColumn('first_seen', 'text', (c) => c.notNull())
    .addColumn('last_seen', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('netlog_dns_pk', ['org', 'key'])
    .execute();

  await db.schema
    .createTable('netlog_findings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('src', 'text', (c) => c.notNull())
    .addColumn('dst', 'text', (c) => c.notNull())
    .addColumn('dst_host', 'text')
    .addColumn('port', 'integer')
    .addColumn('score', 'double precision', (c) => c.notNull())
    .addColumn('severity', 'text', (c) => c.notNull())
    .addColumn('first_seen', 'text', (c) => c.notNull())
    .addColumn('last_seen', 'text', (c) => c.notNull())
    .addColumn('connections', 'bigint', (c) => c.notNull())
    .addColumn('bytes_out', 'bigint', (c) => c.notNull())
    .addColumn('reasons_json', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('netlog_findings_org_score').on('netlog_findings').columns(['org', 'score']).execute();

  await db.schema
    .createTable('netlog_ingests')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text', (c) => c.notNull())
    .addColumn('paths_json', 'text', (c) => c.notNull())
    .addColumn('records', 'bigint', (c) => c.notNull())
    .addColumn('bad_lines', 'bigint', (c) => c.notNull())
    .addColumn('per_type_json', 'text', (c) => c.notNull())
    .addColumn('internal_json', 'text', (c) => c.notNull())
    .addColumn('seconds', 'double precision', (c) => c.notNull())
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable('netlog_ingests').execute();
  await db.schema.dropTable('netlog_findings').execute();
  await db.schema.dropTable('netlog_dns').execute();
  await db.schema.dropTable('netlog_pairs').execute();
}
