import { getCookie } from 'hono/cookie';
import { z } from 'zod';
import { MamoriError } from '../../core/index.js';
import { SESSION_COOKIE } from '../auth/authenticate.js';
import { signIn, signOut } from '../auth/sign-in.js';
import { definePublicRoute, defineRoute, READERS } from '../routes/define.js';

export const loginBody = z.object({ username: z.string().min(1).max(64), password: z.string().min(1).max(1024) });
export const meSchema = z.object({
  username: z.string(),
  org: z.string(),
  role: z.enum(['admin', 'analyst', 'viewer', 'center']),
  operator: z.boolean(),
  kind: z.enum(['session', 'token']),
  csrfToken: z.string().optional().describe('Send it as X-CSRF-Token on changes made with the session cookie.'),
});

export const meRoute = defineRoute({
  method: 'get',
  path: '/auth/me',
  summary: 'Who the caller is',
  tag: 'auth',
  allow: READERS,
  scope: 'self',
  response: meSchema,
  handler({ principal: p }) {
    return Promise.resolve({ username: p.name, org: p.org, role: p.role, operator: p.operator, kind: p.kind, ...(p.csrfToken ? { csrfToken: p.csrfToken } : {}) });
  },
});

export const logoutRoute = defineRoute({
  method: 'post',
  path: '/auth/logout',
  summary: 'Ends the session of the cookie',
  tag: 'auth',
  allow: READERS,
  scope: 'self',
  response: z.object({ ok: z.literal(true) }),
  async handler({ principal, deps, http }) {
    if (principal.kind !== 'session') throw new MamoriError('ERR_USAGE', 'an API token has no session; revoke the token instead');
    await signOut(http, deps, getCookie(http, SESSION_COOKIE), principal);
    return { ok: true as const };
  },
});

export const loginRoute = definePublicRoute({
  method: 'post',
  path: '/auth/login',
  summary: 'Signs in: sets the HttpOnly session cookie and answers with the CSRF token for changes',
  tag: 'auth',
  body: loginBody,
  response: z.object({ username: z.string(), org: z.string(), role: z.enum(['admin', 'analyst', 'viewer', 'center']), csrfToken: z.string(), expiresAt: z.string() }),
  async handler({ body, deps, http }) {
    const { user, csrfToken, expiresAt } = await signIn(http, deps, body.username, body.password);
    return { username: user.username, org: user.org, role: user.role, csrfToken, expiresAt };
  },
});
