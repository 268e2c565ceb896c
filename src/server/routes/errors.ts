import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { z } from 'zod';
import { MamoriError, toMamoriError } from '../../core/index.js';
import type { ServerDeps } from '../deps.js';

/** One validation problem, with where it is: `query.limit`, `body.role`. */
export interface Issue {
  readonly path: string;
  readonly message: string;
}

/** A 400 listing every problem of a request part. */
export class ValidationError extends MamoriError {
  readonly issues: Issue[];
  constructor(issues: Issue[]) {
    super('ERR_INPUT', issues.map((i) => `${i.path}: ${i.message}`).join('; '));
    this.issues = issues;
  }
}

/**
 * Validates one part of a request; throws ValidationError naming each bad field.
 *
 * @example
 * const query = validate('query', schema, c.req.query());
 */
export function validate<S extends z.ZodType>(part: string, schema: S, value: unknown): z.output<S> {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  throw new ValidationError(r.error.issues.slice(0, 20).map((i) => ({ path: [part, ...i.path.map(String)].join('.'), message: i.message })));
}

/**
 * The JSON error answer of the API: `{ error: { code, message, issues? } }`. Unexpected errors are
 * logged and answered with a generic message, never with internals.
 *
 * @example
 * return errorResponse(c, deps, e);
 */
export function errorResponse(c: Context, deps: ServerDeps, e: unknown): Response {
  const err = toMamoriError(e);
  if (err.status >= 500) {
    deps.logger.error({ err: { code: err.code, message: err.message }, path: c.req.path }, 'request failed');
    return c.json({ error: { code: err.code, message: 'internal error' } }, err.status as ContentfulStatusCode);
  }
  const body: Record<string, unknown> = { code: err.code, message: err.message };
  if (err instanceof ValidationError) body.issues = err.issues;
  return c.json({ error: body }, err.status as ContentfulStatusCode);
}
