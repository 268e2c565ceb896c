import { MamoriError } from '../../core/index.js';
import type { RoleName } from '../../store/index.js';

/** Who is calling: a signed-in account or an API token, with its organisation and role. */
export interface Principal {
  readonly kind: 'session' | 'token';
  /** User id for sessions, token id for tokens. */
  readonly id: string;
  /** Username, or `token:<name>`; what the audit log shows as actor. */
  readonly name: string;
  readonly org: string;
  readonly role: RoleName;
  /** The session's CSRF token; absent for bearer tokens, which browsers never send on their own. */
  readonly csrfToken?: string;
  /** Admin of the home organisation: may create organisations and manage accounts in any of them. */
  readonly operator: boolean;
}

export const ROLES: readonly RoleName[] = ['admin', 'analyst', 'viewer', 'center'];

/**
 * Whether `p` may see data of organisation `org`: its own, or any for the national centre.
 *
 * @example
 * if (!row || !canSee(p, row.org)) throw notFound('incident', id);
 */
export function canSee(p: Principal, org: string): boolean {
  return p.role === 'center' || p.operator || p.org === org;
}

/**
 * The organisation filter for a listing: the caller's own, or (centre and operators) the requested
 * one or all (`undefined`). Asking for another organisation without the right is "not found",
 * the same answer as for one that does not exist.
 *
 * @example
 * const org = orgFilter(ctx.principal, query.org);
 */
export function orgFilter(p: Principal, requested?: string): string | undefined {
  if (p.role === 'center' || p.operator) return requested;
  if (requested !== undefined && requested !== p.org) throw notFound('organisation', requested);
  return p.org;
}

/**
 * The one answer for "absent" and "not yours".
 *
 * @example
 * throw notFound('user', id);
 */
export function notFound(what: string, _id: string): MamoriError {
  // The id is not echoed: the answer must read the same whatever was asked for.
  return new MamoriError('ERR_NOT_FOUND', `no such ${what}`);
}
