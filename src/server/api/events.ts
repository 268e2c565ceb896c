import { z } from 'zod';
import { getEvent, listEvents } from '../../store/index.js';
import { canSee, notFound, orgFilter } from '../auth/principal.js';
import { defineRoute, READERS } from '../routes/define.js';
import { isoTime, orgName, page, pageOf, pageQuery } from './paging.js';

/** A recorded decision as the API shows it; evidence samples are masked as stored. */
export const eventSchema = z.object({
  id: z.string(),
  org: z.string(),
  time: z.string(),
  channel: z.enum(['cli', 'scan', 'icap', 'api']),
  action: z.enum(['allow', 'alert', 'block']),
  monitored: z.boolean(),
  rule: z.string(),
  reason: z.string(),
  clientIp: z.string().nullable(),
  user: z.string().nullable(),
  method: z.string().nullable(),
  url: z.string().nullable(),
  destHost: z.string().nullable(),
  destIp: z.string().nullable(),
  bytes: z.number(),
  label: z.string(),
  unscannable: z.boolean(),
  sha256: z.string().nullable(),
  fileName: z.string().nullable(),
  findings: z.array(z.object({ detector: z.string(), count: z.number(), samples: z.array(z.string()) })),
  matches: z.array(z.object({ docId: z.string(), path: z.string(), label: z.string(), coverage: z.number(), longestRunChars: z.number() })),
});

/** Filters of the event list, shared by the API and the console's events page. */
export const eventQuery = pageQuery.extend({
  org: orgName.optional(),
  since: isoTime.optional(),
  until: isoTime.optional(),
  action: z.enum(['allow', 'alert', 'block']).optional(),
  channel: z.enum(['cli', 'scan', 'icap', 'api']).optional(),
  clientIp: z.string().max(64).optional(),
  destHost: z.string().max(255).optional(),
  label: z.string().max(64).optional(),
});

export const listEventsRoute = defineRoute({
  method: 'get',
  path: '/events',
  summary: 'Recorded decisions (uploads inspected, blocked, alerted), newest first',
  tag: 'events',
  allow: READERS,
  scope: 'org',
  query: eventQuery,
  response: pageOf(eventSchema),
  async handler({ query, principal, deps }) {
    const { limit, offset, org, ...filter } = query;
    const rows = await listEvents(deps.store.db, { ...filter, org: orgFilter(principal, org), limit: limit + 1, offset });
    return page(rows, { limit, offset });
  },
});

export const getEventRoute = defineRoute({
  method: 'get',
  path: '/events/:id',
  summary: 'One recorded decision',
  tag: 'events',
  allow: READERS,
  scope: 'org',
  params: z.object({ id: z.string().max(64) }),
  response: eventSchema,
  async handler({ params, principal, deps }) {
    const event = await getEvent(deps.store.db, params.id);
    if (!event || !canSee(principal, event.org)) throw notFound('event', params.id);
    return event;
  },
});
