import type { Context } from 'hono';
import type { z } from 'zod';
import type { RoleName } from '../../store/index.js';
import type { Principal } from '../auth/principal.js';
import type { ServerDeps } from '../deps.js';

/** What a handler gets: validated input, the caller, the shared services and an audit helper. */
export interface ApiContext<P, Q, B> {
  readonly params: P;
  readonly query: Q;
  readonly body: B;
  readonly principal: Principal;
  readonly deps: ServerDeps;
  readonly ip: string;
  /** The raw request, for bodies a schema cannot describe (file uploads). */
  readonly request: Request;
  /** The hono context, for the few routes that set cookies (sign-out). */
  readonly http: Context;
  /** Appends to the audit log under `org` (default: the caller's organisation). */
  audit(action: string, target: string | null, detail?: Record<string, unknown>, org?: string): Promise<void>;
}

/**
 * One REST route. Every route states who may call it (`allow`) and how its data is scoped:
 * `org` — rows of organisations, filtered to the caller's (all for the centre);
 * `self` — only the caller's own account or session.
 */
export interface RouteDef<P extends z.ZodType = z.ZodType, Q extends z.ZodType = z.ZodType, B extends z.ZodType = z.ZodType, R extends z.ZodType = z.ZodType> {
  readonly method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** Under /api/v1, hono syntax: `/users/:id`. */
  readonly path: string;
  readonly summary: string;
  readonly tag: string;
  readonly allow: readonly RoleName[];
  readonly scope: 'org' | 'self';
  readonly params?: P;
  readonly query?: Q;
  readonly body?: B;
  /** Description of a body the schema does not cover (multipart uploads), for the OpenAPI document. */
  readonly rawBody?: { readonly contentType: string; readonly description: string };
  readonly response: R;
  /**
   * The route answers a file, not JSON: the handler returns `{fileName, contentType, text}` (checked by
   * `response`) and the client gets `text` as an attachment named `fileName`.
   */
  readonly file?: { readonly contentTypes: readonly string[]; readonly description: string };
  readonly status?: 200 | 201;
  handler(ctx: ApiContext<z.output<P>, z.output<Q>, z.output<B>>): Promise<z.input<R>>;
}

/** A route with its types erased, as kept in the route table. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyRoute = RouteDef<any, any, any, any>;

/**
 * Declares a route with its types inferred from its schemas.
 *
 * @example
 * export const listOrgsRoute = defineRoute({ method: 'get', path: '/orgs', allow: ['admin', 'center'], scope: 'org', ... });
 */
export function defineRoute<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType, R extends z.ZodType>(def: RouteDef<P, Q, B, R>): RouteDef<P, Q, B, R> {
  return Object.freeze(def);
}

/** Every role that reads organisation data. */
export const READERS: readonly RoleName[] = ['admin', 'analyst', 'viewer', 'center'];
/** Roles that change an organisation's security data (status, notes, registrations). */
export const WRITERS: readonly RoleName[] = ['admin', 'analyst'];
export const ADMINS: readonly RoleName[] = ['admin'];

/** A route anyone may call (only signing in): no principal, no audit helper, same validation. */
export interface PublicRouteDef<B extends z.ZodType = z.ZodType, R extends z.ZodType = z.ZodType> {
  readonly method: 'post';
  readonly path: string;
  readonly summary: string;
  readonly tag: string;
  readonly body: B;
  readonly response: R;
  handler(ctx: Omit<ApiContext<Record<string, never>, Record<string, never>, z.output<B>>, 'principal' | 'audit'>): Promise<z.input<R>>;
}

/**
 * Declares a public route.
 *
 * @example
 * export const loginRoute = definePublicRoute({ method: 'post', path: '/auth/login', body: loginBody, ... });
 */
export function definePublicRoute<B extends z.ZodType, R extends z.ZodType>(def: PublicRouteDef<B, R>): PublicRouteDef<B, R> {
  return Object.freeze(def);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyPublicRoute = PublicRouteDef<any, any>;
