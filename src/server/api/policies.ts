import { z } from 'zod';
import { MamoriError, toMamoriError } from '../../core/index.js';
import { getPolicyVersion, listPolicyVersions, savePolicyVersion } from '../../store/index.js';
import { orgFilter } from '../auth/principal.js';
import { ADMINS, defineRoute, READERS, WRITERS } from '../routes/define.js';
import { orgName, page, pageOf, pageQuery } from './paging.js';
import { parsePolicyYaml, policyYamlOf } from './policy-text.js';

export const policyVersionSchema = z.object({
  org: z.string(),
  version: z.number().int().describe('0: the configuration file’s policy, never saved here.'),
  yaml: z.string(),
  comment: z.string(),
  createdBy: z.string(),
  createdAt: z.string(),
});
const policyYamlBody = z.string().min(1).max(256 * 1024);

export const getPolicyRoute = defineRoute({
  method: 'get',
  path: '/policies',
  summary: 'The organisation’s current policy (latest version, else the configuration file’s)',
  tag: 'policies',
  allow: READERS,
  scope: 'org',
  query: z.object({ org: orgName.optional() }),
  response: policyVersionSchema,
  async handler({ query, principal, deps }) {
    const org = orgFilter(principal, query.org) ?? principal.org;
    const saved = await getPolicyVersion(deps.store.db, org);
    return saved ?? { org, version: 0, yaml: policyYamlOf(deps.config), comment: 'configuration file', createdBy: 'config', createdAt: new Date(0).toISOString() };
  },
});

export const listPolicyVersionsRoute = defineRoute({
  method: 'get',
  path: '/policies/versions',
  summary: 'Saved versions of the policy, newest first',
  tag: 'policies',
  allow: READERS,
  scope: 'org',
  query: pageQuery.extend({ org: orgName.optional() }),
  response: pageOf(policyVersionSchema.omit({ yaml: true })),
  async handler({ query, principal, deps }) {
    const org = orgFilter(principal, query.org) ?? principal.org;
    return page(await listPolicyVersions(deps.store.db, org, { limit: query.limit + 1, offset: query.offset }), query);
  },
});

export const getPolicyVersionRoute = defineRoute({
  method: 'get',
  path: '/policies/versions/:version',
  summary: 'One saved version of the policy',
  tag: 'policies',
  allow: READERS,
  scope: 'org',
  params: z.object({ version: z.coerce.number().int().min(1) }),
  query: z.object({ org: orgName.optional() }),
  response: policyVersionSchema,
  async handler({ params, query, principal, deps }) {
    const org = orgFilter(principal, query.org) ?? principal.org;
    const v = await getPolicyVersion(deps.store.db, org, params.version);
    if (!v) throw new MamoriError('ERR_NOT_FOUND', `no policy version ${params.version}`);
    return v;
  },
});

export const validatePolicyRoute = defineRoute({
  method: 'post',
  path: '/policies/validate',
  summary: 'Checks a policy document without saving it',
  tag: 'policies',
  allow: WRITERS,
  scope: 'org',
  body: z.object({ yaml: policyYamlBody }),
  response: z.object({ valid: z.boolean(), errors: z.array(z.string()) }),
  handler({ body }) {
    try {
      parsePolicyYaml(body.yaml);
      return Promise.resolve({ valid: true, errors: [] });
    } catch (e) {
      return Promise.resolve({ valid: false, errors: toMamoriError(e).message.split('; ') });
    }
  },
});

export const updatePolicyRoute = defineRoute({
  method: 'put',
  path: '/policies',
  summary: 'Saves a new version of the policy; refused when `baseVersion` is no longer the latest',
  tag: 'policies',
  allow: ADMINS,
  scope: 'org',
  body: z.object({ yaml: policyYamlBody, comment: z.string().max(500).default(''), baseVersion: z.number().int().min(0) }),
  response: policyVersionSchema,
  status: 201,
  async handler({ body, principal, deps, audit }) {
    parsePolicyYaml(body.yaml);
    const saved = await savePolicyVersion(deps.store.db, { org: principal.org, baseVersion: body.baseVersion, yaml: body.yaml, comment: body.comment, createdBy: principal.name });
    if (!saved) throw new MamoriError('ERR_CONFLICT', `version ${body.baseVersion} is no longer the latest; reload and apply your change again`);
    await audit('policy.update', `v${saved.version}`, { comment: saved.comment });
    return saved;
  },
});
