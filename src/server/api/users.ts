import { z } from 'zod';
import { MamoriError } from '../../core/index.js';
import { createUser, deleteSessions, getOrgByName, getUser, listUsers, updateUser, type RoleName } from '../../store/index.js';
import { canSee, notFound, orgFilter, type Principal } from '../auth/principal.js';
import { hashPassword } from '../auth/secrets.js';
import { ADMINS, defineRoute } from '../routes/define.js';
import { orgName, page, pageOf, pageQuery } from './paging.js';

export const roleSchema = z.enum(['admin', 'analyst', 'viewer', 'center']);
export const usernameSchema = z.string().min(1).max(64).regex(/^[\p{L}\p{N}][\p{L}\p{N}._@-]*$/u, 'letters, digits, ".", "_", "@" and "-"');
export const passwordSchema = z.string().min(12, 'at least 12 characters').max(1024);
export const userSchema = z.object({ id: z.string(), org: z.string(), username: z.string(), role: roleSchema, disabled: z.boolean(), createdAt: z.string(), updatedAt: z.string() });

/** Only operators hand out the centre's cross-organisation role. */
export function assertMayGrant(p: Principal, role: RoleName): void {
  if (role === 'center' && !p.operator) throw new MamoriError('ERR_FORBIDDEN', 'only operators grant the center role');
}

export const listUsersRoute = defineRoute({
  method: 'get',
  path: '/users',
  summary: 'Accounts of the caller’s organisation (operators: any)',
  tag: 'users',
  allow: ADMINS,
  scope: 'org',
  query: pageQuery.extend({ org: orgName.optional() }),
  response: pageOf(userSchema),
  async handler({ query, principal, deps }) {
    const org = orgFilter(principal, query.org);
    const rows = await listUsers(deps.store.db, { ...(org ? { orgs: [org] } : {}), limit: query.limit + 1, offset: query.offset });
    return page(rows, query);
  },
});

export const createUserRoute = defineRoute({
  method: 'post',
  path: '/users',
  summary: 'Adds an account',
  tag: 'users',
  allow: ADMINS,
  scope: 'org',
  body: z.object({ username: usernameSchema, password: passwordSchema, role: roleSchema, org: orgName.optional() }),
  response: userSchema,
  status: 201,
  async handler({ body, principal, deps, audit }) {
    const org = body.org ?? principal.org;
    if (!canSee(principal, org) || principal.role === 'center' || !(await getOrgByName(deps.store.db, org))) throw notFound('organisation', org);
    assertMayGrant(principal, body.role);
    const user = await createUser(deps.store.db, { org, username: body.username, role: body.role, passwordHash: await hashPassword(body.password) });
    if (!user) throw new MamoriError('ERR_CONFLICT', `username ${body.username} is taken`);
    await audit('user.create', user.username, { role: user.role }, org);
    return user;
  },
});

export const updateUserRoute = defineRoute({
  method: 'patch',
  path: '/users/:id',
  summary: 'Changes an account’s role, disables or enables it, or sets a new password',
  tag: 'users',
  allow: ADMINS,
  scope: 'org',
  params: z.object({ id: z.string().max(64) }),
  body: z
    .object({ role: roleSchema.optional(), disabled: z.boolean().optional(), password: passwordSchema.optional() })
    .refine((b) => b.role !== undefined || b.disabled !== undefined || b.password !== undefined, 'change at least one of role, disabled, password'),
  response: userSchema,
  async handler({ params, body, principal, deps, audit }) {
    const target = await getUser(deps.store.db, { id: params.id });
    if (!target || !canSee(principal, target.org) || principal.role === 'center') throw notFound('user', params.id);
    if (target.id === principal.id && (body.disabled === true || (body.role !== undefined && body.role !== 'admin'))) {
      throw new MamoriError('ERR_CONFLICT', 'you cannot disable or demote your own account');
    }
    if (body.role !== undefined) assertMayGrant(principal, body.role);
    const updated = await updateUser(deps.store.db, target.id, {
      ...(body.role !== undefined ? { role: body.role } : {}),
      ...(body.disabled !== undefined ? { disabled: body.disabled } : {}),
      ...(body.password !== undefined ? { passwordHash: await hashPassword(body.password) } : {}),
    });
    // A disabled account or a new password ends every open session of the account.
    if (body.disabled === true || body.password !== undefined) await deleteSessions(deps.store.db, { userId: target.id });
    await audit('user.update', target.username, { ...(body.role ? { role: body.role } : {}), ...(body.disabled !== undefined ? { disabled: body.disabled } : {}), ...(body.password ? { password: 'changed' } : {}) }, target.org);
    if (!updated) throw notFound('user', params.id);
    return updated;
  },
});
