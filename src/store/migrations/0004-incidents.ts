import type { Kysely } from 'kysely';

// Migrations take Kysely<any>: they describe the schema at their point in history, not today's types.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('incidents')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org', 'text', (c) => c.notNull())
    .addColumn('host', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('severity', 'text', (c) => c.notNull())
    .addColumn('assignee', 'text')
    .addColumn('top_label', 'text', (c) => c.notNull())
    .addColumn('doc_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('leaked', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('first_seen', 'text', (c) => c.notNull())
    .addColumn('last_seen', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('incidents_org_host').on('incidents').columns(['org', 'host', 'status']).execute();
  await db.schema.createIndex('incidents_status').on('incidents').columns(['status', 'last_seen']).execute();

  await db.schema
    .createTable('incident_documents')
    .addColumn('incident_id', 'text', (c) => c.notNull())
    .addColumn('doc_id', 'text', (c) => c.notNull())
    .addColumn('path', 'text', (c) => c.notNull())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('sha256', 'text')
    .addColumn('first_seen', 'text', (c) => c.notNull())
    .addColumn('last_seen', 'text', (c) => c.notNull())
    .addColumn('bytes', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('destinations_json', 'text', (c) => c.notNull())
    .addColumn('event_ids_json', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('incident_documents_pk', ['incident_id', 'doc_id'])
    .execute();

  await db.schema
    .createTable('incident_destinations')
    .addColumn('incident_id', 'text', (c) => c.notNull())
    .addColumn('dest_key', 'text', (c) => c.notNull())
    .addColumn('ip', 'text')
    .addColumn('host', 'text')
    .addColumn('first_seen', 'text', (c) => c.notNull())
    .addColumn('last_seen', 'text', (c) => c.notNull())
    .addColumn('upload_bytes_out', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('net_bytes_out', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('bytes_blocked', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('uploads', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('findings', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('incident_destinations_pk', ['incident_id', 'dest_key'])
    .execute();
  await db.schema.createIndex('incident_destinations_key').on('incident_destinations').column('dest_key').execute();
  await db.schema.createIndex('incident_destinations_ip').on('incident_destinations').column('ip').execute();
  await db.schema.createIndex('incident_destinations_host').on('incident_destinations').column('host').execute();

  await db.schema
    .createTable('incident_findings')
    .addColumn('incident_id', 'text', (c) => c.notNull())
    .addColumn('finding_key', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('src', 'text', (c) => c.notNull())
    .addColumn('dst', 'text', (c) => c.notNull())
    .addColumn('dst_host', 'text')
    .addColumn('port', 'integer')
    .addColumn('score', 'double precision', (c) => c.notNull())
    .addColumn('severity', 'text', (c) => c.notNull())
    .addColumn('first_seen', 'text', (c) => c.notNull())
    .addColumn('last_seen', 'text', (c) => c.notNull())
    .addColumn('connections', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('bytes_out', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('reasons_json', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('incident_findings_pk', ['incident_id', 'finding_key'])
    .execute();

  await db.schema
    .createTable('incident_timeline')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('incident_id', 'text', (c) => c.notNull())
    .addColumn('time', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('evidence_json', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('incident_timeline_incident').on('incident_timeline').columns(['incident_id', 'time']).execute();

  await db.schema
    .createTable('incident_audit')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('incident_id', 'text', (c) => c.notNull())
    .addColumn('time', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('field', 'text', (c) => c.notNull())
    .addColumn('old_value', 'text')
    .addColumn('new_value', 'text')
    .addColumn('note', 'text')
    .execute();
  await db.schema.createIndex('incident_audit_incident').on('incident_audit').columns(['incident_id', 'time']).execute();

  await db.schema
    .createTable('incident_links')
    .addColumn('incident_id', 'text', (c) => c.notNull())
    .addColumn('other_id', 'text', (c) => c.notNull())
    .addColumn('via', 'text', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('incident_links_pk', ['incident_id', 'other_id', 'via', 'value'])
    .execute();

  await db.schema
    .createTable('correlation_state')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('quarantine')
    .addColumn('ip', 'text', (c) => c.primaryKey())
    .addColumn('org', 'text', (c) => c.notNull())
    .addColumn('incident_id', 'text')
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('added_by', 'text', (c) => c.notNull())
    .addColumn('added_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('blocklist')
    .addColumn('value', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('incident_id', 'text')
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('added_by', 'text', (c) => c.notNull())
    .addColumn('added_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('outbox')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('sink', 'text', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('next_attempt_at', 'text', (c) => c.notNull())
    .addColumn('last_error', 'text')
    .addColumn('delivered_at', 'text')
    .execute();
  await db.schema.createIndex('outbox_due').on('outbox').columns(['sink', 'status', 'next_attempt_at']).execute();
}

export async function down(db: AnyDb): Promise<void> {
  for (const t of ['outbox', 'blocklist', 'quarantine', 'correlation_state', 'incident_links', 'incident_audit', 'incident_timeline', 'incident_findings', 'incident_destinations', 'incident_documents', 'incidents']) {
    await db.schema.dropTable(t).execute();
  }
}
