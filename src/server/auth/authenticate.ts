import type { Context } from 'hono';
import { getCookie } from 'hono/cookie';
import { getActiveApiToken, getLiveSession, touchApiToken } from '../../store/index.js';
import type { ServerDeps } from '../deps.js';
import type { Principal } from './principal.js';
import { sha256hex } from './secrets.js';

export const SESSION_COOKIE = 'mamori_session';
export const CSRF_COOKIE = 'mamori_csrf';
export const CSRF_HEADER = 'x-csrf-token';

// last_used_at is for people deciding what to revoke: minute precision, not a write per request.
const TOUCH_EVERY_MS = 60_000;

/**
 * The caller of a request: a bearer API token, else a session cookie, else undefined.
 *
 * @example
 * const principal = await authenticate(c, deps);
 * if (!principal) return c.json({ error: { code: 'ERR_AUTH', message: 'sign in first' } }, 401);
 */
export async function authenticate(c: Context, deps: ServerDeps): Promise<Principal | undefined> {
  const header = c.req.header('authorization');
  if (header !== undefined) {
    const m = /^Bearer\s+(\S{20,200})$/i.exec(header);
    if (!m) return undefined;
    const token = await getActiveApiToken(deps.store.db, sha256hex(m[1]!));
    if (!token) return undefined;
    const now = Date.now();
    if (!token.lastUsedAt || now - Date.parse(token.lastUsedAt) > TOUCH_EVERY_MS) await touchApiToken(deps.store.db, token.id, new Date(now));
    return { kind: 'token', id: token.id, name: `token:${token.name}`, org: token.org, role: token.role, operator: token.role === 'admin' && token.org === deps.homeOrg };
  }
  const sid = getCookie(c, SESSION_COOKIE);
  if (!sid || sid.length > 200) return undefined;
  const found = await getLiveSession(deps.store.db, sha256hex(sid), new Date());
  if (!found) return undefined;
  const { user, session } = found;
  return { kind: 'session', id: user.id, name: user.username, org: user.org, role: user.role, csrfToken: session.csrfToken, operator: user.role === 'admin' && user.org === deps.homeOrg };
}

/**
 * The client's address: the socket peer, or the first X-Forwarded-For hop when the config trusts a proxy.
 *
 * @example
 * const ip = clientIp(c, deps.config.server.trustProxy);
 */
export function clientIp(c: Context, trustProxy: boolean): string {
  if (trustProxy) {
    const xff = c.req.header('x-forwarded-for')?.split(',')[0]?.trim();
    if (xff) return xff.slice(0, 64);
  }
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
  return env?.incoming?.socket?.remoteAddress ?? 'unknown';
}

/** Whether the request reached us over TLS, or the config says a TLS proxy is in front. */
export function isSecure(c: Context, deps: ServerDeps): boolean {
  return deps.config.server.secureCookies || new URL(c.req.url).protocol === 'https:';
}
