import { z } from 'zod';
import { normaliseIp } from '../../incidents/keys.js';
import { recordAction } from '../../incidents/index.js';
import { QuarantineList } from '../../respond/index.js';
import { listIncidents, listQuarantine } from '../../store/index.js';
import { notFound, orgFilter } from '../auth/principal.js';
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
  query: pageQuery.extend({ org: orgName.optional(), ip: z.string().max(64).optional().describe('Only this address (any notation).') }),
  response: pageOf(quarantineEntrySchema),
  async handler({ query, principal, deps }) {
    const scope = orgFilter(principal, query.org);
    const ip = query.ip === undefined ? undefined : normaliseIp(query.ip);
    const rows = (await listQuarantine(deps.store.db)).filter((e) => (scope === undefined || e.org === scope) && (ip === undefined || e.ip === ip));
    return page(rows.slice(query.offset, query.offset + query.limit + 1), query);
  },
});

export const releaseQuarantineRoute = defineRoute({
  method: 'delete',
  path: '/quarantine/:ip',
  summary: 'Releases a quarantined host of the caller’s organisation: its uploads are decided by their content again',
  tag: 'quarantine',
  allow: WRITERS,
  scope: 'org',
  params: z.object({ ip: z.string().max(64) }),
  response: quarantineEntrySchema,
  async handler({ params, principal, deps, audit }) {
    const ip = normaliseIp(params.ip);
    const scope = orgFilter(principal);
    const entry = (await listQuarantine(deps.store.db)).find((e) => e.ip === ip && (scope === undefined || e.org === scope));
    if (!entry) throw notFound('quarantined host', params.ip);
    await (await QuarantineList.open(deps.store.db)).remove(entry.ip);
    // As `mamori quarantine remove` does: on every open incident of the host, not only the one that quarantined it.
    for (const inc of (await listIncidents(deps.store.db, { host: entry.ip, org: entry.org })).filter((i) => i.status !== 'closed')) {
      await recordAction(deps.store.db, inc.id, 'release', `host ${entry.ip} released from quarantine`, principal.name);
    }
    await audit('quarantine.remove', entry.incidentId ?? entry.ip, { ip: entry.ip }, entry.org);
    return entry;
  },
});
