import type { Db } from '../database.js';
import type { SessionsTable } from '../tables/auth.js';
import type { User } from './users.js';

/** A signed-in session; the id itself is only ever in the user's cookie, the store keeps its hash. */
export interface Session {
  readonly idHash: string;
  readonly userId: string;
  readonly csrfToken: string;
  readonly ip: string | null;
  readonly createdAt: string;
  readonly expiresAt: string;
}

/**
 * Stores a new session under the hash of its id.
 *
 * @example
 * await createSession(store.db, { idHash, userId, csrfToken, ip, createdAt, expiresAt });
 */
export async function createSession(db: Db, s: Session): Promise<void> {
  const row: SessionsTable = { id_hash: s.idHash, user_id: s.userId, csrf_token: s.csrfToken, ip: s.ip, created_at: s.createdAt, expires_at: s.expiresAt };
  await db.insertInto('sessions').values(row).execute();
}

/**
 * The live session with that id hash and its account; undefined when unknown, expired, or the account is disabled.
 *
 * @example
 * const found = await getLiveSession(store.db, idHash, new Date());
 */
export async function getLiveSession(db: Db, idHash: string, now: Date): Promise<{ session: Session; user: User } | undefined> {
  // One query per authenticated request: the session joined with its account.
  const r = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select(['sessions.id_hash', 'sessions.user_id', 'sessions.csrf_token', 'sessions.ip', 'sessions.created_at', 'sessions.expires_at', 'users.org', 'users.username', 'users.role', 'users.disabled', 'users.created_at as user_created_at', 'users.updated_at as user_updated_at'])
    .where('sessions.id_hash', '=', idHash)
    .where('sessions.expires_at', '>', now.toISOString())
    .executeTakeFirst();
  if (!r || Number(r.disabled) === 1) return undefined;
  const user: User = { id: r.user_id, org: r.org, username: r.username, role: r.role, disabled: false, createdAt: r.user_created_at, updatedAt: r.user_updated_at };
  return { session: { idHash: r.id_hash, userId: r.user_id, csrfToken: r.csrf_token, ip: r.ip, createdAt: r.created_at, expiresAt: r.expires_at }, user };
}

/**
 * Ends one session, all sessions of an account (`userId`), or every expired one (`expiredBefore`).
 *
 * @example
 * await deleteSessions(store.db, { userId: user.id });
 */
export async function deleteSessions(db: Db, which: { idHash: string } | { userId: string } | { expiredBefore: Date }): Promise<number> {
  let q = db.deleteFrom('sessions');
  if ('idHash' in which) q = q.where('id_hash', '=', which.idHash);
  else if ('userId' in which) q = q.where('user_id', '=', which.userId);
  else q = q.where('expires_at', '<=', which.expiredBefore.toISOString());
  const r = await q.executeTakeFirst();
  return Number(r.numDeletedRows);
}
