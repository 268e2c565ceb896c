import { z } from 'zod';
import { recordAction } from '../../incidents/index.js';
import { QuarantineList } from '../../respond/index.js';
import { listQuarantine } from '../../store/index.js';
import { orgFilter } from '../auth/principal.js';
import { defineRoute, READERS, WRITERS } from '../routes/define.js';
import { visibleIncident } from './incidents.js';
import { orgName, page, pageOf, pageQuery } from './paging.js';

const quarantineEntrySchema = z.object({ ip: z.string(), org: z.string(), incidentId: z.string().nullable(), reason: z.string(), addedBy: z.string(), addedAt: z.string() });

export const quarantineIncidentRoute = defineRoute({
  method: 'post',
  path: '/incidents/:id/quarantine',
  summary: 'Quarantines the incident’s host: policy then blocks its uploads whatever they contain',
  tag: 'quarantine',
  allow: WRITERS,
  scope: 'org',
  params: z.object({ id: z.string().max(64) }),
  body: z.object({ reason: z.string().trim().min(1).max(500).optional() }),
  response: quarantineEntrySchema,
  status: 201,
  async handler({ params, body, principal, deps, audit }) {
    const inc = await visibleIncident(deps, principal, params.id);
    const quarantine = await QuarantineList.open(deps.store.db);
    const reason = body.reason ?? `incident ${inc.id} (${inc.severity}, ${inc.topLabel})`;
    const entry = await quarantine.add(inc.host, { org: inc.org, reason, actor: principal.name, incidentId: inc.id });
    await recordAction(deps.store.db, inc.id, 'quarantine', `host ${entry.ip} quarantined: ${reason}`, principal.name);
    await audit('quarantine.add', inc.id, { ip: entry.ip }, inc.org);
    return entry;
  },
});

export const listQuarantineRoute = defineRoute({
  method: 'get',
  path: '/quarantine',
  summary: 'Quarantined hosts of the caller’s organisation (the centre and operators: all, or `?org=`)',
  tag: 'quarantine',
  allow: READERS,
  scope: 'org',
  query: pageQuery.extend({ org: orgName.optional() }),
  response: pageOf(quarantineEntrySchema),
  async handler({ query, principal, deps }) {
    const scope = orgFilter(principal, query.org);
    const rows = (await listQuarantine(deps.store.db)).filter((e) => scope === undefined || e.org === scope);
    return page(rows.slice(query.offset, query.offset + query.limit + 1), query);
  },
});
