import { Hono } from 'hono';
import { csrf } from 'hono/csrf';
import { secureHeaders } from 'hono/secure-headers';
import { API_ROUTES } from './api/index.js';
import { loginRoute } from './api/auth.js';
import { clientIp } from './auth/authenticate.js';
import { mountLogin } from './console/login.js';
import { mountActions, mountPages } from './console/mount.js';
import { PAGES } from './console/pages/index.js';
import type { ServerDeps } from './deps.js';
import { API_PREFIX, mountPublicRoutes, mountRoutes } from './routes/mount.js';
import { buildOpenApi } from './routes/openapi.js';
import { mountStatic } from './static.js';

/** Routes that answer without signing in; the access test checks that nothing else does. */
export const PUBLIC_PATHS: readonly string[] = Object.freeze(['/healthz', '/readyz', '/login', '/lang/:lang', '/static/:name', `${API_PREFIX}/auth/login`, `${API_PREFIX}/openapi.json`]);

/**
 * The HTTP application of `mamori serve`: health, the REST API from the route table, the OpenAPI
 * document and the console.
 *
 * @example
 * const app = createApp(deps);
 * const res = await app.request('/healthz');
 */
export function createApp(deps: ServerDeps): Hono {
  const app = new Hono();
  app.use('*', async (c, next) => {
    const start = performance.now();
    await next();
    // Path only: query strings may carry filter values people would rather not see in logs.
    deps.logger.info({ method: c.req.method, path: c.req.path, status: c.res.status, ms: Math.round(performance.now() - start), ip: clientIp(c, deps.config.server.trustProxy) }, 'request');
  });
  app.use(
    '*',
    secureHeaders({
      contentSecurityPolicy: { defaultSrc: ["'self'"], scriptSrc: ["'self'"], styleSrc: ["'self'", "'unsafe-inline'"], imgSrc: ["'self'", 'data:'], frameAncestors: ["'none'"], formAction: ["'self'"] },
      referrerPolicy: 'same-origin',
    }),
  );
  // Console form posts: refused unless Origin names this host (host only: a TLS proxy in front changes the scheme).
  // API changes made with the session cookie need the X-CSRF-Token header instead; bearer tokens need neither.
  const sameHost = csrf({ origin: (origin, c) => URL.canParse(origin) && new URL(origin).host === (c.req.header('host') ?? new URL(c.req.url).host) });
  app.use('*', async (c, next) => (c.req.path.startsWith(`${API_PREFIX}/`) ? next() : sameHost(c, next)));

  app.get('/healthz', (c) => c.json({ status: 'ok' }));
  app.get('/readyz', async (c) => ((await deps.ready()) ? c.json({ status: 'ready' }) : c.json({ status: 'starting' }, 503)));

  const openapi = buildOpenApi(API_ROUTES, [loginRoute]);
  app.get(`${API_PREFIX}/openapi.json`, (c) => c.json(openapi));
  mountPublicRoutes(app, [loginRoute], deps);
  mountRoutes(app, API_ROUTES, deps);
  app.all(`${API_PREFIX}/*`, (c) => c.json({ error: { code: 'ERR_NOT_FOUND', message: `no route ${c.req.method} ${c.req.path}` } }, 404));

  mountStatic(app);
  mountLogin(app, deps);
  mountActions(app, deps);
  mountPages(app, PAGES, deps);
  return app;
}
