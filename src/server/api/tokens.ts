import { z } from 'zod';
import { createApiToken, getApiToken, getOrgByName, listApiTokens, revokeApiToken } from '../../store/index.js';
import { newId } from '../../core/index.js';
import { canSee, notFound, orgFilter } from '../auth/principal.js';
import { randomSecret, sha256hex } from '../auth/secrets.js';
import { ADMINS, defineRoute } from '../routes/define.js';
import { orgName, page, pageOf, pageQuery } from './paging.js';
import { assertMayGrant, roleSchema } from './users.js';

export const tokenSchema = z.object({
  id: z.string(),
  org: z.string(),
  name: z.string(),
  role: roleSchema,
  createdBy: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});

export const listTokensRoute = defineRoute({
  method: 'get',
  path: '/tokens',
  summary: 'API tokens of the organisation (never their secrets)',
  tag: 'tokens',
  allow: ADMINS,
  scope: 'org',
  query: pageQuery.extend({ org: orgName.optional() }),
  response: pageOf(tokenSchema),
  async handler({ query, principal, deps }) {
    const org = orgFilter(principal, query.org);
    return page(await listApiTokens(deps.store.db, { ...(org ? { orgs: [org] } : {}), limit: query.limit + 1, offset: query.offset }), query);
  },
});

export const createTokenRoute = defineRoute({
  method: 'post',
  path: '/tokens',
  summary: 'Creates an API token for a sensor or script; the secret is shown in this answer only',
  tag: 'tokens',
  allow: ADMINS,
  scope: 'org',
  body: z.object({ name: z.string().min(1).max(100), role: roleSchema, org: orgName.optional() }),
  response: tokenSchema.extend({ token: z.string().describe('Send as `Authorization: Bearer <token>`.') }),
  status: 201,
  async handler({ body, principal, deps, audit }) {
    const org = body.org ?? principal.org;
    if (!canSee(principal, org) || !(await getOrgByName(deps.store.db, org))) throw notFound('organisation', org);
    assertMayGrant(principal, body.role);
    const secret = `mamori_${randomSecret()}`;
    const token = await createApiToken(deps.store.db, { id: newId('tok'), org, name: body.name, role: body.role, tokenHash: sha256hex(secret), createdBy: principal.name });
    await audit('token.create', token.id, { name: token.name, role: token.role }, org);
    return { ...token, token: secret };
  },
});

export const revokeTokenRoute = defineRoute({
  method: 'delete',
  path: '/tokens/:id',
  summary: 'Revokes an API token for good',
  tag: 'tokens',
  allow: ADMINS,
  scope: 'org',
  params: z.object({ id: z.string().max(64) }),
  response: tokenSchema,
  async handler({ params, principal, deps, audit }) {
    const token = await getApiToken(deps.store.db, params.id);
    if (!token || !canSee(principal, token.org)) throw notFound('token', params.id);
    await revokeApiToken(deps.store.db, token.id);
    await audit('token.revoke', token.id, { name: token.name }, token.org);
    return (await getApiToken(deps.store.db, token.id)) ?? token;
  },
});
