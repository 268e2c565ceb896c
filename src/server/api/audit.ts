import { z } from 'zod';
import { listAudit } from '../../store/index.js';
import { orgFilter } from '../auth/principal.js';
import { defineRoute } from '../routes/define.js';
import { isoTime, orgName, page, pageOf, pageQuery } from './paging.js';

export const auditSchema = z.object({
  id: z.string(),
  org: z.string(),
  time: z.string(),
  actor: z.string(),
  action: z.string(),
  target: z.string().nullable(),
  ip: z.string().nullable(),
  detail: z.record(z.string(), z.unknown()),
});

export const auditQuery = pageQuery.extend({
  org: orgName.optional(),
  actor: z.string().max(100).optional(),
  action: z.string().max(100).optional(),
  since: isoTime.optional(),
  until: isoTime.optional(),
});

export const listAuditRoute = defineRoute({
  method: 'get',
  path: '/audit',
  summary: 'The audit log: sign-ins and every change, newest first',
  tag: 'audit',
  allow: ['admin', 'center'],
  scope: 'org',
  query: auditQuery,
  response: pageOf(auditSchema),
  async handler({ query, principal, deps }) {
    const { limit, offset, org, ...filter } = query;
    const scope = orgFilter(principal, org);
    const rows = await listAudit(deps.store.db, { ...filter, ...(scope ? { orgs: [scope] } : {}), limit: limit + 1, offset });
    return page(rows, { limit, offset });
  },
});
