import { z } from 'zod';
import { eventTimeline, topEventValues } from '../../store/index.js';
import { orgFilter } from '../auth/principal.js';
import { defineRoute, READERS } from '../routes/define.js';
import { orgName } from './paging.js';

const counted = z.array(z.object({ value: z.string(), count: z.number() }));
export const overviewSchema = z.object({
  since: z.string(),
  bucket: z.enum(['hour', 'day']),
  timeline: z.array(z.object({ bucket: z.string(), total: z.number(), blocked: z.number(), alerted: z.number() })),
  topHosts: counted,
  topDestinations: counted,
  blockedLabels: counted,
  topRules: counted,
});

export const overviewQuery = z.object({ org: orgName.optional(), days: z.coerce.number().int().min(1).max(366).default(7) });

export const overviewRoute = defineRoute({
  method: 'get',
  path: '/overview',
  summary: 'Events and blocks over time, top hosts and destinations, labels of what was blocked',
  tag: 'overview',
  allow: READERS,
  scope: 'org',
  query: overviewQuery,
  response: overviewSchema,
  async handler({ query, principal, deps }) {
    const since = new Date(Date.now() - query.days * 86_400_000).toISOString();
    const w = { org: orgFilter(principal, query.org), since };
    const bucket: 'hour' | 'day' = query.days <= 3 ? 'hour' : 'day';
    const db = deps.store.db;
    const [timeline, topHosts, topDestinations, blockedLabels, topRules] = await Promise.all([
      eventTimeline(db, w, bucket),
      topEventValues(db, w, 'client_ip'),
      topEventValues(db, w, 'dest_host'),
      topEventValues(db, w, 'label', { action: 'block' }),
      topEventValues(db, w, 'rule', { action: 'block' }),
    ]);
    return { since, bucket, timeline, topHosts, topDestinations, blockedLabels, topRules };
  },
});
