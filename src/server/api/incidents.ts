import { z } from 'zod';
import { changeIncident, INCIDENT_STATUSES, loadIncidentView, recordAction, type IncidentView } from '../../incidents/index.js';
import { blockIncidentDestinations, buildStixBundle } from '../../respond/index.js';
import { getIncident, listBlocklist, listIncidents, type IncidentRecord } from '../../store/index.js';
import { canSee, notFound, orgFilter, type Principal } from '../auth/principal.js';
import type { ServerDeps } from '../deps.js';
import { defineRoute, READERS, WRITERS } from '../routes/define.js';
import { orgName, page, pageOf, pageQuery } from './paging.js';

const severity = z.enum(['low', 'medium', 'high', 'critical']);
const status = z.enum(INCIDENT_STATUSES as ['new', 'investigating', 'contained', 'closed']);

export const incidentSchema = z.object({
  id: z.string(),
  org: z.string(),
  host: z.string(),
  status,
  severity,
  assignee: z.string().nullable(),
  topLabel: z.string(),
  docCount: z.number(),
  leaked: z.boolean(),
  firstSeen: z.string(),
  lastSeen: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

/** The full incident as `mamori incident <id> --format json` prints it. */
const incidentViewSchema = incidentSchema.omit({ docCount: true }).extend({
  destinations: z.array(
    z.object({ ip: z.string().nullable(), host: z.string().nullable(), firstSeen: z.string(), lastSeen: z.string(), bytesOut: z.number(), uploadBytesOut: z.number(), networkBytesOut: z.number(), bytesBlocked: z.number(), uploads: z.number(), findings: z.number() }),
  ),
  documents: z.array(
    z.object({ docId: z.string(), path: z.string(), label: z.string(), status: z.string(), firstSeen: z.string(), lastSeen: z.string(), bytes: z.number(), destinations: z.array(z.string()), sha256: z.string().nullable(), eventIds: z.array(z.string()) }),
  ),
  findings: z.array(
    z.object({ key: z.string(), kind: z.string(), src: z.string(), dst: z.string(), dstHost: z.string().nullable(), port: z.number().nullable(), score: z.number(), severity: z.string(), firstSeen: z.string(), lastSeen: z.string(), connections: z.number(), bytesOut: z.number(), reasons: z.array(z.string()) }),
  ),
  timeline: z.array(z.object({ time: z.string(), kind: z.string(), summary: z.string(), evidence: z.unknown() })),
  audit: z.array(z.object({ id: z.string(), time: z.string(), actor: z.string(), field: z.string(), oldValue: z.string().nullable(), newValue: z.string().nullable(), note: z.string().nullable() })),
  links: z.array(z.object({ incidentId: z.string(), via: z.string(), value: z.string() })),
});

const idParams = z.object({ id: z.string().max(64) });

/** The incident if the caller may see it; otherwise "not found", whether it exists or not. */
export async function visibleIncident(deps: ServerDeps, p: Principal, id: string): Promise<IncidentRecord> {
  const inc = await getIncident(deps.store.db, id);
  if (!inc || !canSee(p, inc.org)) throw notFound('incident', id);
  return inc;
}

/**
 * The incident's full view as the caller may see it: links (and link entries of the timeline) to incidents
 * of organisations it may not see are left out.
 */
export async function visibleView(deps: ServerDeps, principal: Principal, id: string): Promise<IncidentView> {
  await visibleIncident(deps, principal, id);
  const view = await loadIncidentView(deps.store.db, id);
  if (!view) throw notFound('incident', id);
  // Links to other organisations' incidents are the centre's business only: an organisation's analyst
  // must not learn that another organisation has an incident, nor its id.
  const mentioned = new Set([...view.links.map((l) => l.incidentId), ...view.timeline.flatMap((e) => (e.kind === 'incident-linked' ? [...e.summary.matchAll(/inc_[0-9a-z]+/g)].map((m) => m[0]) : []))]);
  const visible = new Set<string>();
  for (const other of mentioned) {
    const inc = await getIncident(deps.store.db, other);
    if (inc && canSee(principal, inc.org)) visible.add(other);
  }
  const links = view.links.filter((l) => visible.has(l.incidentId));
  const timeline = view.timeline.filter((e) => e.kind !== 'incident-linked' || [...e.summary.matchAll(/inc_[0-9a-z]+/g)].every((m) => visible.has(m[0])));
  return { ...view, links, timeline };
}

export const listIncidentsRoute = defineRoute({
  method: 'get',
  path: '/incidents',
  summary: 'Incidents (one per compromised host), most recently active first',
  tag: 'incidents',
  allow: READERS,
  scope: 'org',
  query: pageQuery.extend({ org: orgName.optional(), status: status.optional(), severity: severity.optional(), host: z.string().max(255).optional() }),
  response: pageOf(incidentSchema),
  async handler({ query, principal, deps }) {
    const { limit, offset, org, ...filter } = query;
    const scope = orgFilter(principal, org);
    const rows = await listIncidents(deps.store.db, { ...filter, ...(scope ? { org: scope } : {}), limit: limit + 1, offset });
    return page(rows, { limit, offset });
  },
});

export const getIncidentRoute = defineRoute({
  method: 'get',
  path: '/incidents/:id',
  summary: 'One incident with destinations, documents, network evidence, timeline, audit trail and links',
  tag: 'incidents',
  allow: READERS,
  scope: 'org',
  params: idParams,
  response: incidentViewSchema,
  handler: ({ params, principal, deps }) => visibleView(deps, principal, params.id),
});

export const updateIncidentRoute = defineRoute({
  method: 'patch',
  path: '/incidents/:id',
  summary: 'Sets status (along the workflow), assignee, or adds a note',
  tag: 'incidents',
  allow: WRITERS,
  scope: 'org',
  params: idParams,
  body: z
    .object({ status: status.optional(), assignee: z.string().max(64).nullable().optional(), note: z.string().max(10_000).optional() })
    .refine((b) => b.status !== undefined || b.assignee !== undefined || (b.note ?? '').trim() !== '', 'give status, assignee or a note'),
  response: incidentSchema,
  async handler({ params, body, principal, deps, audit }) {
    const inc = await visibleIncident(deps, principal, params.id);
    const updated = await changeIncident(deps.store.db, inc.id, body, principal.name);
    await audit('incident.update', inc.id, { ...(body.status ? { status: body.status } : {}), ...(body.assignee !== undefined ? { assignee: body.assignee } : {}), ...(body.note ? { note: true } : {}) }, inc.org);
    return updated;
  },
});

export const incidentStixRoute = defineRoute({
  method: 'get',
  path: '/incidents/:id/stix',
  summary: 'The incident as a STIX 2.1 bundle for the national centre and other agencies',
  tag: 'incidents',
  allow: READERS,
  scope: 'org',
  params: idParams,
  response: z.object({ type: z.literal('bundle'), id: z.string(), objects: z.array(z.record(z.string(), z.unknown())) }),
  async handler({ params, principal, deps }) {
    const inc = await visibleIncident(deps, principal, params.id);
    const view = await loadIncidentView(deps.store.db, inc.id);
    if (!view) throw notFound('incident', params.id);
    const stix = deps.config.respond.stix;
    await recordAction(deps.store.db, inc.id, 'stix', 'exported as STIX 2.1 over the API', principal.name);
    return buildStixBundle([view], { organisation: stix.organisation ?? inc.org, tlp: stix.tlp }) as unknown as { type: 'bundle'; id: string; objects: Record<string, unknown>[] };
  },
});

const blocklistEntrySchema = z.object({ value: z.string(), kind: z.enum(['domain', 'ip']), incidentId: z.string().nullable(), reason: z.string(), addedBy: z.string(), addedAt: z.string() });

export const blockIncidentRoute = defineRoute({
  method: 'post',
  path: '/incidents/:id/blocklist',
  summary: 'Puts the incident’s beaconing and leak destinations on the block list (internal and allowed ones never)',
  tag: 'blocklists',
  allow: WRITERS,
  scope: 'org',
  params: idParams,
  response: z.object({ added: z.array(z.string()), entries: z.array(blocklistEntrySchema) }),
  status: 201,
  async handler({ params, principal, deps, audit }) {
    const inc = await visibleIncident(deps, principal, params.id);
    const guard = { internal: deps.config.netlog.internal, allow: deps.config.netlog.allow };
    const added = await blockIncidentDestinations(deps.store.db, guard, { incidentId: inc.id, actor: principal.name });
    if (added.length > 0) await recordAction(deps.store.db, inc.id, 'blocklist', `put on the block list: ${added.join(', ')}`, principal.name);
    await audit('blocklist.add', inc.id, { values: added }, inc.org);
    return { added, entries: await listBlocklist(deps.store.db, { incidentId: inc.id }) };
  },
});

export const listBlocklistRoute = defineRoute({
  method: 'get',
  path: '/blocklists',
  summary: 'Block-list entries from the caller’s incidents (the centre and operators: all)',
  tag: 'blocklists',
  allow: READERS,
  scope: 'org',
  query: pageQuery.extend({ org: orgName.optional() }),
  response: pageOf(blocklistEntrySchema),
  async handler({ query, principal, deps }) {
    const scope = orgFilter(principal, query.org);
    const all = await listBlocklist(deps.store.db);
    let rows = all;
    if (scope !== undefined) {
      const ids = [...new Set(all.map((e) => e.incidentId).filter((x): x is string => x !== null))];
      const mine = new Set((await listIncidents(deps.store.db, { ids, org: scope, limit: ids.length + 1 })).map((i) => i.id));
      rows = all.filter((e) => e.incidentId !== null && mine.has(e.incidentId));
    }
    return page(rows.slice(query.offset, query.offset + query.limit + 1), query);
  },
});
