import { z } from 'zod';
import type { AnyPublicRoute, AnyRoute } from './define.js';
import { API_PREFIX } from './mount.js';

type Json = Record<string, unknown>;

function schemaOf(s: z.ZodType, io: 'input' | 'output'): Json {
  const { $schema: _drop, ...rest } = z.toJSONSchema(s, { io, unrepresentable: 'any' }) as Json;
  return rest;
}

function parametersOf(s: z.ZodType | undefined, where: 'path' | 'query'): Json[] {
  if (!s) return [];
  const json = schemaOf(s, 'input') as { properties?: Record<string, Json>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, schema]) => ({
    name,
    in: where,
    required: where === 'path' || (json.required ?? []).includes(name),
    ...(typeof schema.description === 'string' ? { description: schema.description } : {}),
    schema,
  }));
}

const errorSchema = {
  type: 'object',
  properties: { error: { type: 'object', properties: { code: { type: 'string' }, message: { type: 'string' }, issues: { type: 'array', items: { type: 'object', properties: { path: { type: 'string' }, message: { type: 'string' } } } } }, required: ['code', 'message'] } },
};

/**
 * The OpenAPI 3.1 document of the route table, from the same zod schemas that validate requests.
 *
 * @example
 * const doc = buildOpenApi(API_ROUTES, [loginRoute]);
 */
export function buildOpenApi(routes: readonly AnyRoute[], publicRoutes: readonly AnyPublicRoute[]): Json {
  const paths: Record<string, Record<string, Json>> = {};
  const add = (r: AnyRoute | AnyPublicRoute, isPublic: boolean) => {
    const path = `${API_PREFIX}${r.path}`.replace(/:([A-Za-z_]+)/g, '{$1}');
    const op: Json = {
      operationId: `${r.method}${r.path.replace(/[/:]+([a-z])/gi, (_m, ch: string) => ch.toUpperCase())}`,
      summary: r.summary,
      tags: [r.tag],
      'x-mamori-roles': 'allow' in r ? r.allow : [],
      'x-mamori-scope': 'scope' in r ? r.scope : 'public',
      parameters: 'allow' in r ? [...parametersOf(r.params, 'path'), ...parametersOf(r.query, 'query')] : [],
      responses: {
        [String(('status' in r ? r.status : undefined) ?? 200)]: { description: 'OK', content: { 'application/json': { schema: schemaOf(r.response, 'output') } } },
        '400': { description: 'Invalid request', content: { 'application/json': { schema: errorSchema } } },
        ...(isPublic ? {} : { '401': { description: 'Not signed in' }, '403': { description: 'Role not allowed, or CSRF header missing' }, '404': { description: 'Absent, or of another organisation' } }),
      },
      ...(isPublic ? { security: [] } : {}),
    };
    if ('file' in r && r.file) {
      const content = Object.fromEntries(r.file.contentTypes.map((t) => [t, { schema: { type: 'string' } }]));
      (op.responses as Record<string, unknown>)[String(r.status ?? 200)] = { description: r.file.description, content };
    }
    if (r.body) op.requestBody = { required: true, content: { 'application/json': { schema: schemaOf(r.body, 'input') } } };
    if ('rawBody' in r && r.rawBody) op.requestBody = { required: true, description: r.rawBody.description, content: { [r.rawBody.contentType]: { schema: {} } } };
    (paths[path] ??= {})[r.method] = op;
  };
  publicRoutes.forEach((r) => add(r, true));
  routes.forEach((r) => add(r, false));
  return {
    openapi: '3.1.0',
    info: { title: 'mamori API', version: '1', description: 'Events, inventory, policies, accounts and audit of mamori. Sign in with POST /api/v1/auth/login (cookie + X-CSRF-Token on changes) or send Authorization: Bearer <token>.' },
    paths,
    components: {
      securitySchemes: {
        session: { type: 'apiKey', in: 'cookie', name: 'mamori_session' },
        bearer: { type: 'http', scheme: 'bearer' },
      },
    },
    security: [{ session: [] }, { bearer: [] }],
  };
}
