import type { Context } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
import { MamoriError } from '../../core/index.js';
import { createSession, deleteSessions, getUserCredentials, recordAudit, type User } from '../../store/index.js';
import type { ServerDeps } from '../deps.js';
import { clientIp, CSRF_COOKIE, isSecure, SESSION_COOKIE } from './authenticate.js';
import { DUMMY_HASH_PROMISE, randomSecret, sha256hex, verifyPassword } from './secrets.js';

/** What a successful sign-in returns to the caller (never the session id: that is in the cookie). */
export interface SignedIn {
  readonly user: User;
  readonly csrfToken: string;
  readonly expiresAt: string;
}

/**
 * Checks a username and password under the rate limits, opens a session and sets its cookies.
 * Every attempt is audited; failures say only "wrong username or password".
 *
 * @example
 * const { user, csrfToken } = await signIn(c, deps, body.username, body.password);
 */
export async function signIn(c: Context, deps: ServerDeps, username: string, password: string): Promise<SignedIn> {
  const ip = clientIp(c, deps.config.server.trustProxy);
  const { perIp, perUser } = deps.limits;
  if (!perIp.hit(ip)) throw new MamoriError('ERR_RATE_LIMIT', 'too many sign-in attempts from this address; wait a minute');
  const userKey = username.toLowerCase();
  if (perUser.blocked(userKey)) throw new MamoriError('ERR_RATE_LIMIT', 'too many failed sign-ins for this account; wait and try again');
  const creds = await getUserCredentials(deps.store.db, username);
  // Verify even for unknown users so the answer takes as long either way.
  const ok = (await verifyPassword(creds?.passwordHash ?? (await DUMMY_HASH_PROMISE), password)) && creds !== undefined && !creds.user.disabled;
  if (!ok || !creds) {
    perUser.hit(userKey);
    await recordAudit(deps.store.db, { org: creds?.user.org ?? deps.homeOrg, actor: username.slice(0, 64), action: 'auth.login_failed', target: null, ip });
    deps.logger.info({ ip, event: 'login_failed' }, 'sign-in failed');
    throw new MamoriError('ERR_AUTH', 'wrong username or password');
  }
  perUser.reset(userKey);
  const sid = randomSecret();
  const csrfToken = randomSecret();
  const now = new Date();
  const expires = new Date(now.getTime() + deps.config.server.sessionHours * 3_600_000);
  await createSession(deps.store.db, { idHash: sha256hex(sid), userId: creds.user.id, csrfToken, ip, createdAt: now.toISOString(), expiresAt: expires.toISOString() });
  const secure = isSecure(c, deps);
  setCookie(c, SESSION_COOKIE, sid, { httpOnly: true, secure, sameSite: 'Lax', path: '/', expires });
  // Readable by the console's script, which echoes it in the X-CSRF-Token header.
  setCookie(c, CSRF_COOKIE, csrfToken, { httpOnly: false, secure, sameSite: 'Strict', path: '/', expires });
  await recordAudit(deps.store.db, { org: creds.user.org, actor: creds.user.username, action: 'auth.login', target: null, ip });
  deps.logger.info({ ip, user: creds.user.username, event: 'login' }, 'signed in');
  return { user: creds.user, csrfToken, expiresAt: expires.toISOString() };
}

/**
 * Ends the session of the request's cookie (if any) and clears the cookies.
 *
 * @example
 * await signOut(c, deps, principal.name, principal.org);
 */
export async function signOut(c: Context, deps: ServerDeps, sid: string | undefined, who: { name: string; org: string }): Promise<void> {
  if (sid) await deleteSessions(deps.store.db, { idHash: sha256hex(sid) });
  deleteCookie(c, SESSION_COOKIE, { path: '/' });
  deleteCookie(c, CSRF_COOKIE, { path: '/' });
  await recordAudit(deps.store.db, { org: who.org, actor: who.name, action: 'auth.logout', target: null, ip: clientIp(c, deps.config.server.trustProxy) });
}
