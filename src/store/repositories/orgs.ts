import { newId } from '../../core/index.js';
import type { Db } from '../database.js';

/** An organisation (tenant). Events, inventory, users and tokens name it by `name`. */
export interface Org {
  readonly id: string;
  readonly name: string;
  readonly createdAt: string;
}

/**
 * Creates an organisation; ERR_CONFLICT-worthy duplicates are reported as `undefined`.
 *
 * @example
 * const org = await createOrg(store.db, 'mof');
 */
export async function createOrg(db: Db, name: string, now = new Date()): Promise<Org | undefined> {
  const org: Org = { id: newId('org'), name, createdAt: now.toISOString() };
  const inserted = await db
    .insertInto('orgs')
    .values({ id: org.id, name: org.name, created_at: org.createdAt })
    .onConflict((oc) => oc.column('name').doNothing())
    .executeTakeFirst();
  return Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1 ? org : undefined;
}

/**
 * Every organisation, or only those named, by name.
 *
 * @example
 * const all = await listOrgs(store.db);
 */
export async function listOrgs(db: Db, filter: { names?: readonly string[] } = {}): Promise<Org[]> {
  let q = db.selectFrom('orgs').selectAll();
  if (filter.names) {
    if (filter.names.length === 0) return [];
    q = q.where('name', 'in', filter.names);
  }
  const rows = await q.orderBy('name').execute();
  return rows.map((r) => ({ id: r.id, name: r.name, createdAt: r.created_at }));
}

/**
 * The organisation of that name, or undefined.
 *
 * @example
 * const org = await getOrgByName(store.db, 'default');
 */
export async function getOrgByName(db: Db, name: string): Promise<Org | undefined> {
  const r = await db.selectFrom('orgs').selectAll().where('name', '=', name).executeTakeFirst();
  return r ? { id: r.id, name: r.name, createdAt: r.created_at } : undefined;
}
