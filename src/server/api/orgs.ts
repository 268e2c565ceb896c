import { z } from 'zod';
import { MamoriError } from '../../core/index.js';
import { createOrg, listOrgs } from '../../store/index.js';
import { defineRoute, ADMINS, READERS } from '../routes/define.js';
import { orgName } from './paging.js';

export const orgSchema = z.object({ id: z.string(), name: z.string(), createdAt: z.string() });

export const listOrgsRoute = defineRoute({
  method: 'get',
  path: '/orgs',
  summary: 'Organisations the caller can see: its own, or all for the centre and operators',
  tag: 'orgs',
  allow: READERS,
  scope: 'org',
  response: z.object({ items: z.array(orgSchema) }),
  async handler({ principal, deps }) {
    const all = principal.role === 'center' || principal.operator;
    return { items: await listOrgs(deps.store.db, all ? {} : { names: [principal.org] }) };
  },
});

export const createOrgRoute = defineRoute({
  method: 'post',
  path: '/orgs',
  summary: 'Adds an organisation (operators: admins of the home organisation)',
  tag: 'orgs',
  allow: ADMINS,
  scope: 'org',
  body: z.object({ name: orgName }),
  response: orgSchema,
  status: 201,
  async handler({ body, principal, deps, audit }) {
    if (!principal.operator) throw new MamoriError('ERR_FORBIDDEN', `only admins of ${deps.homeOrg} add organisations`);
    const org = await createOrg(deps.store.db, body.name);
    if (!org) throw new MamoriError('ERR_CONFLICT', `organisation ${body.name} exists`);
    await audit('org.create', org.name, {});
    return org;
  },
});
