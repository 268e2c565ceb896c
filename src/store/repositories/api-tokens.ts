import type { Db } from '../database.js';
import type { ApiTokensTable, RoleName } from '../tables/auth.js';

/** An API token without its secret; the store keeps only the secret's hash. */
export interface ApiToken {
  readonly id: string;
  readonly org: string;
  readonly name: string;
  readonly role: RoleName;
  readonly createdBy: string;
  readonly createdAt: string;
  readonly lastUsedAt: string | null;
  readonly revokedAt: string | null;
}

function fromRow(r: ApiTokensTable): ApiToken {
  return { id: r.id, org: r.org, name: r.name, role: r.role, createdBy: r.created_by, createdAt: r.created_at, lastUsedAt: r.last_used_at, revokedAt: r.revoked_at };
}

/**
 * Stores a token under the hash of its secret.
 *
 * @example
 * await createApiToken(store.db, { id, org: 'default', name: 'sensor-1', role: 'analyst', tokenHash, createdBy: 'admin' });
 */
export async function createApiToken(
  db: Db,
  t: { id: string; org: string; name: string; role: RoleName; tokenHash: string; createdBy: string },
  now = new Date(),
): Promise<ApiToken> {
  const row: ApiTokensTable = { id: t.id, org: t.org, name: t.name, role: t.role, token_hash: t.tokenHash, created_by: t.createdBy, created_at: now.toISOString(), last_used_at: null, revoked_at: null };
  await db.insertInto('api_tokens').values(row).execute();
  return fromRow(row);
}

/**
 * The unrevoked token with that secret hash, or undefined.
 *
 * @example
 * const token = await getActiveApiToken(store.db, sha256hex(secret));
 */
export async function getActiveApiToken(db: Db, tokenHash: string): Promise<ApiToken | undefined> {
  const r = await db.selectFrom('api_tokens').selectAll().where('token_hash', '=', tokenHash).where('revoked_at', 'is', null).executeTakeFirst();
  return r ? fromRow(r) : undefined;
}

/**
 * One token by id (revoked or not), or undefined.
 *
 * @example
 * const t = await getApiToken(store.db, 'tok_...');
 */
export async function getApiToken(db: Db, id: string): Promise<ApiToken | undefined> {
  const r = await db.selectFrom('api_tokens').selectAll().where('id', '=', id).executeTakeFirst();
  return r ? fromRow(r) : undefined;
}

/**
 * Tokens of some organisations (or all), newest first.
 *
 * @example
 * const tokens = await listApiTokens(store.db, { orgs: ['default'] });
 */
export async function listApiTokens(db: Db, filter: { orgs?: readonly string[]; limit?: number; offset?: number } = {}): Promise<ApiToken[]> {
  let q = db.selectFrom('api_tokens').selectAll();
  if (filter.orgs) {
    if (filter.orgs.length === 0) return [];
    q = q.where('org', 'in', filter.orgs);
  }
  const rows = await q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(filter.limit ?? 1000).offset(filter.offset ?? 0).execute();
  return rows.map(fromRow);
}

/**
 * Revokes a token for good; false when it was unknown or already revoked.
 *
 * @example
 * await revokeApiToken(store.db, token.id);
 */
export async function revokeApiToken(db: Db, id: string, now = new Date()): Promise<boolean> {
  const r = await db.updateTable('api_tokens').set({ revoked_at: now.toISOString() }).where('id', '=', id).where('revoked_at', 'is', null).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/**
 * Records that a token was used.
 *
 * @example
 * await touchApiToken(store.db, token.id);
 */
export async function touchApiToken(db: Db, id: string, now = new Date()): Promise<void> {
  await db.updateTable('api_tokens').set({ last_used_at: now.toISOString() }).where('id', '=', id).execute();
}
