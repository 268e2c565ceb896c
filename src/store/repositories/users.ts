import { newId } from '../../core/index.js';
import type { Db } from '../database.js';
import type { RoleName, UsersTable } from '../tables/auth.js';

/** An account as the rest of mamori sees it: no password hash. */
export interface User {
  readonly id: string;
  readonly org: string;
  readonly username: string;
  readonly role: RoleName;
  readonly disabled: boolean;
  readonly createdAt: string;
  readonly updatedAt: string;
}

function fromRow(r: UsersTable): User {
  return { id: r.id, org: r.org, username: r.username, role: r.role, disabled: Number(r.disabled) === 1, createdAt: r.created_at, updatedAt: r.updated_at };
}

/**
 * Creates an account from an already computed argon2id hash; undefined when the username is taken.
 *
 * @example
 * const user = await createUser(store.db, { org: 'default', username: 'sato', role: 'analyst', passwordHash });
 */
export async function createUser(
  db: Db,
  input: { org: string; username: string; role: RoleName; passwordHash: string },
  now = new Date(),
): Promise<User | undefined> {
  const t = now.toISOString();
  const row: UsersTable = { id: newId('usr'), org: input.org, username: input.username, role: input.role, password_hash: input.passwordHash, disabled: 0, created_at: t, updated_at: t };
  const r = await db.insertInto('users').values(row).onConflict((oc) => oc.column('username').doNothing()).executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) === 1 ? fromRow(row) : undefined;
}

/**
 * The account and its password hash, for signing in; undefined when unknown.
 *
 * @example
 * const found = await getUserCredentials(store.db, 'admin');
 */
export async function getUserCredentials(db: Db, username: string): Promise<{ user: User; passwordHash: string } | undefined> {
  const r = await db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
  return r ? { user: fromRow(r), passwordHash: r.password_hash } : undefined;
}

/**
 * One account by id or by username.
 *
 * @example
 * const u = await getUser(store.db, { id: 'usr_...' });
 */
export async function getUser(db: Db, key: { id: string } | { username: string }): Promise<User | undefined> {
  let q = db.selectFrom('users').selectAll();
  q = 'id' in key ? q.where('id', '=', key.id) : q.where('username', '=', key.username);
  const r = await q.executeTakeFirst();
  return r ? fromRow(r) : undefined;
}

/**
 * Accounts, optionally of some organisations only, by organisation then username.
 *
 * @example
 * const users = await listUsers(store.db, { orgs: ['default'] });
 */
export async function listUsers(db: Db, filter: { orgs?: readonly string[]; limit?: number; offset?: number } = {}): Promise<User[]> {
  let q = db.selectFrom('users').selectAll();
  if (filter.orgs) {
    if (filter.orgs.length === 0) return [];
    q = q.where('org', 'in', filter.orgs);
  }
  const rows = await q.orderBy('org').orderBy('username').limit(filter.limit ?? 1000).offset(filter.offset ?? 0).execute();
  return rows.map(fromRow);
}

/**
 * Changes role, disabled flag or password hash; returns the updated account or undefined.
 *
 * @example
 * await updateUser(store.db, user.id, { disabled: true });
 */
export async function updateUser(
  db: Db,
  id: string,
  change: { role?: RoleName; disabled?: boolean; passwordHash?: string },
  now = new Date(),
): Promise<User | undefined> {
  const set: Partial<UsersTable> = { updated_at: now.toISOString() };
  if (change.role !== undefined) set.role = change.role;
  if (change.disabled !== undefined) set.disabled = change.disabled ? 1 : 0;
  if (change.passwordHash !== undefined) set.password_hash = change.passwordHash;
  await db.updateTable('users').set(set).where('id', '=', id).execute();
  return getUser(db, { id });
}

/**
 * How many accounts exist: serve creates the first admin only when there is none.
 *
 * @example
 * if ((await countUsers(store.db)) === 0) { ... }
 */
export async function countUsers(db: Db): Promise<number> {
  const r = await db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(r.n);
}
