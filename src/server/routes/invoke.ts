import type { Context } from 'hono';
import type { z } from 'zod';
import { MamoriError } from '../../core/index.js';
import { recordAudit } from '../../store/index.js';
import type { Principal } from '../auth/principal.js';
import type { ServerDeps } from '../deps.js';
import type { AnyRoute } from './define.js';
import { validate } from './errors.js';

/** Raw input of a route call: params and query as strings, body as parsed JSON or form fields. */
export interface RouteInput {
  readonly params?: unknown;
  readonly query?: unknown;
  readonly body?: unknown;
}

/**
 * Runs a route for an authenticated caller: role check (403), validation (400), handler.
 * The API and the console both go through here, so a page shows exactly what its user could
 * fetch from /api/v1, no more.
 *
 * @example
 * const events = await invokeRoute(listEventsRoute, { query: { limit: '20' } }, { principal, deps, ip, http: c });
 */
export async function invokeRoute<R extends AnyRoute>(
  route: R,
  input: RouteInput,
  who: { principal: Principal; deps: ServerDeps; ip: string; http: Context },
): Promise<z.output<R['response']>> {
  const { principal, deps, ip, http } = who;
  if (!route.allow.includes(principal.role)) throw new MamoriError('ERR_FORBIDDEN', `role ${principal.role} may not ${route.method.toUpperCase()} ${route.path}`);
  const params: unknown = route.params ? validate('params', route.params, input.params ?? {}) : {};
  const query: unknown = route.query ? validate('query', route.query, input.query ?? {}) : {};
  const body: unknown = route.body ? validate('body', route.body, input.body) : undefined;
  const result: unknown = await route.handler({
    params,
    query,
    body,
    principal,
    deps,
    ip,
    request: http.req.raw,
    http,
    async audit(action, target, detail, org) {
      await recordAudit(deps.store.db, { org: org ?? principal.org, actor: principal.name, action, target, ip, detail: detail ?? {} });
    },
  });
  return result as z.output<R['response']>;
}
