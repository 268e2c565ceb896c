import type { Hono } from 'hono';
import { MamoriError } from '../../core/index.js';
import { authenticate, clientIp, CSRF_HEADER } from '../auth/authenticate.js';
import { safeEqual } from '../auth/secrets.js';
import type { ServerDeps } from '../deps.js';
import type { AnyPublicRoute, AnyRoute } from './define.js';
import { errorResponse, validate } from './errors.js';
import { invokeRoute } from './invoke.js';

export const API_PREFIX = '/api/v1';
const MAX_JSON_BYTES = 1024 * 1024;

async function readJson(request: Request): Promise<unknown> {
  const type = request.headers.get('content-type') ?? '';
  if (!/^application\/json\b/i.test(type)) throw new MamoriError('ERR_UNSUPPORTED', 'send the body as application/json');
  const declared = Number(request.headers.get('content-length') ?? 0);
  if (declared > MAX_JSON_BYTES) throw new MamoriError('ERR_LIMIT', `body over ${MAX_JSON_BYTES} bytes`);
  const text = await request.text();
  if (text.length > MAX_JSON_BYTES) throw new MamoriError('ERR_LIMIT', `body over ${MAX_JSON_BYTES} bytes`);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new MamoriError('ERR_INPUT', 'body is not valid JSON');
  }
}

/**
 * Mounts the route table on the app. The order of checks is the same for every route:
 * authenticate (401), CSRF for cookie sessions on changes (403), role (403), validate (400), handle.
 *
 * @example
 * mountRoutes(app, API_ROUTES, deps);
 */
export function mountRoutes(app: Hono, routes: readonly AnyRoute[], deps: ServerDeps): void {
  for (const route of routes) {
    app.on(route.method.toUpperCase(), `${API_PREFIX}${route.path}`, async (c) => {
      try {
        const principal = await authenticate(c, deps);
        if (!principal) throw new MamoriError('ERR_AUTH', 'sign in or send an API token');
        if (route.method !== 'get' && principal.kind === 'session') {
          const sent = c.req.header(CSRF_HEADER) ?? '';
          if (!principal.csrfToken || !safeEqual(sent, principal.csrfToken)) throw new MamoriError('ERR_FORBIDDEN', `missing or wrong ${CSRF_HEADER} header`);
        }
        // Role before body: a refused caller learns nothing from how its input would have been judged.
        if (!route.allow.includes(principal.role)) throw new MamoriError('ERR_FORBIDDEN', `role ${principal.role} may not ${route.method.toUpperCase()} ${route.path}`);
        const body = route.body ? await readJson(c.req.raw) : undefined;
        const ip = clientIp(c, deps.config.server.trustProxy);
        const result = await invokeRoute(route, { params: c.req.param(), query: c.req.query(), body }, { principal, deps, ip, http: c });
        if (route.file) {
          const file = result as { fileName: string; contentType: string; text: string };
          return c.body(file.text, route.status ?? 200, { 'content-type': file.contentType, 'content-disposition': `attachment; filename="${file.fileName.replace(/[^\w.-]/g, '_')}"` });
        }
        return c.json(result as object, route.status ?? 200);
      } catch (e) {
        return errorResponse(c, deps, e);
      }
    });
  }
}

/**
 * Mounts public routes (signing in): validation and errors as for every route, no authentication.
 *
 * @example
 * mountPublicRoutes(app, [loginRoute], deps);
 */
export function mountPublicRoutes(app: Hono, routes: readonly AnyPublicRoute[], deps: ServerDeps): void {
  for (const route of routes) {
    app.on(route.method.toUpperCase(), `${API_PREFIX}${route.path}`, async (c) => {
      try {
        const body = validate('body', route.body, await readJson(c.req.raw));
        const result = await route.handler({ params: {}, query: {}, body, deps, ip: clientIp(c, deps.config.server.trustProxy), request: c.req.raw, http: c });
        return c.json(result as object, 200);
      } catch (e) {
        return errorResponse(c, deps, e);
      }
    });
  }
}
