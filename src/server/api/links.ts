import { z } from 'zod';
import { MamoriError } from '../../core/index.js';
import { saveLinks, saveTimeline } from '../../store/index.js';
import { defineRoute } from '../routes/define.js';
import { visibleIncident, visibleView } from './incidents.js';

const idParams = z.object({ id: z.string().max(64) });

export const linkIncidentsRoute = defineRoute({
  method: 'post',
  path: '/incidents/:id/links',
  summary: 'The national centre links two incidents (of any organisations), both ways; `note` says why',
  tag: 'incidents',
  allow: ['center'],
  scope: 'org',
  params: idParams,
  body: z.object({ incidentId: z.string().min(1).max(64), note: z.string().trim().max(500).optional() }),
  response: z.object({ links: z.array(z.object({ incidentId: z.string(), via: z.string(), value: z.string() })) }),
  status: 201,
  async handler({ params, body, principal, deps, audit }) {
    const one = await visibleIncident(deps, principal, params.id);
    const other = await visibleIncident(deps, principal, body.incidentId);
    if (one.id === other.id) throw new MamoriError('ERR_INPUT', 'an incident cannot be linked to itself');
    const at = new Date().toISOString();
    const value = body.note ?? '';
    await saveLinks(deps.store.db, [
      { incidentId: one.id, otherId: other.id, via: 'center', value, createdAt: at },
      { incidentId: other.id, otherId: one.id, via: 'center', value, createdAt: at },
    ]);
    // Kind `incident-linked`: the detail view hides such entries from readers who may not see the other
    // incident, so an organisation does not learn another's incident id from its own timeline.
    const entry = (a: string, b: string) => ({ id: `link:${a}|center|${b}`, incidentId: a, time: at, kind: 'incident-linked', summary: `${principal.name}: linked with incident ${b}${value ? ` — ${value}` : ''}`, evidence: {} });
    await saveTimeline(deps.store.db, [entry(one.id, other.id), entry(other.id, one.id)]);
    // In the centre's audit log only: the organisations' logs must not name each other's incidents.
    await audit('incident.link', one.id, { other: other.id, orgs: [one.org, other.org] });
    const view = await visibleView(deps, principal, one.id);
    return { links: view.links };
  },
});
