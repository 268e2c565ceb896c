/**
 * Stable error codes users can search for. Add new codes here; never rename a shipped one.
 */
export type ErrorCode =
  | 'ERR_USAGE' // bad command-line usage
  | 'ERR_INPUT' // unreadable or invalid input
  | 'ERR_CONFIG' // configuration file invalid
  | 'ERR_LIMIT' // a configured safety limit was reached (size, depth, ratio, entries, time)
  | 'ERR_ENCRYPTED' // content is encrypted or password-protected
  | 'ERR_PARSE' // a format parser rejected the content
  | 'ERR_UNSUPPORTED' // a format mamori does not read
  | 'ERR_NOT_FOUND'
  | 'ERR_CONFLICT'
  | 'ERR_STORE' // database failure
  | 'ERR_BUS'
  | 'ERR_AUTH' // not signed in / bad credentials
  | 'ERR_FORBIDDEN'
  | 'ERR_RATE_LIMIT'
  | 'ERR_ICAP' // protocol violation by an ICAP client
  | 'ERR_TIMEOUT'
  | 'ERR_INTERNAL';

/** HTTP-ish status that goes with each code, used by the API and the ICAP server. */
const STATUS: Record<ErrorCode, number> = {
  ERR_USAGE: 400,
  ERR_INPUT: 400,
  ERR_CONFIG: 400,
  ERR_LIMIT: 413,
  ERR_ENCRYPTED: 422,
  ERR_PARSE: 422,
  ERR_UNSUPPORTED: 415,
  ERR_NOT_FOUND: 404,
  ERR_CONFLICT: 409,
  ERR_STORE: 500,
  ERR_BUS: 503,
  ERR_AUTH: 401,
  ERR_FORBIDDEN: 403,
  ERR_RATE_LIMIT: 429,
  ERR_ICAP: 400,
  ERR_TIMEOUT: 408,
  ERR_INTERNAL: 500,
};

/**
 * The one error class of mamori: a stable `code`, an HTTP-like `status` and an optional `cause`.
 *
 * @example
 * throw new MamoriError('ERR_LIMIT', 'zip expands past 512 MiB', { cause: err });
 */
export class MamoriError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  constructor(code: ErrorCode, message: string, options?: { cause?: unknown; status?: number }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'MamoriError';
    this.code = code;
    this.status = options?.status ?? STATUS[code];
  }
}

/**
 * Turns anything thrown into a MamoriError, keeping the original as `cause`.
 *
 * @example
 * catch (e) { const err = toMamoriError(e); console.error(`${err.code}: ${err.message}`); }
 */
export function toMamoriError(e: unknown, fallback: ErrorCode = 'ERR_INTERNAL'): MamoriError {
  if (e instanceof MamoriError) return e;
  const message = e instanceof Error ? e.message : String(e);
  return new MamoriError(fallback, message, { cause: e });
}

/** A result as a value, for callers that must handle failure (kysely style). */
export type Result<T, E = MamoriError> = { ok: true; value: T } | { ok: false; error: E };
