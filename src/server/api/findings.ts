import { z } from 'zod';
import { listNetFindings, listOrgs } from '../../store/index.js';
import { orgFilter } from '../auth/principal.js';
import { defineRoute, READERS } from '../routes/define.js';
import { orgName, page, pageOf, pageQuery } from './paging.js';

const kind = z.enum(['beacon', 'dns-tunnel', 'exfil-volume', 'long-connection', 'rare-destination', 'strobe']);

export const findingSchema = z.object({
  org: z.string(),
  kind,
  src: z.string(),
  dst: z.string(),
  dstHost: z.string().nullable(),
  port: z.number().nullable(),
  score: z.number(),
  severity: z.enum(['low', 'medium', 'high', 'critical']),
  firstSeen: z.string(),
  lastSeen: z.string(),
  connections: z.number(),
  bytesOut: z.number(),
  reasons: z.array(z.string()),
});

export const listFindingsRoute = defineRoute({
  method: 'get',
  path: '/findings',
  summary: 'Network findings of `mamori hunt` (beacons, DNS tunnels, exfiltration volume...), highest score first',
  tag: 'findings',
  allow: READERS,
  scope: 'org',
  query: pageQuery.extend({ org: orgName.optional(), kind: kind.optional(), minScore: z.coerce.number().min(0).max(1).optional() }),
  response: pageOf(findingSchema),
  async handler({ query, principal, deps }) {
    const scope = orgFilter(principal, query.org);
    // Findings are stored per organisation; the centre's view merges them by score.
    const orgs = scope !== undefined ? [scope] : (await listOrgs(deps.store.db)).map((o) => o.name);
    const want = query.offset + query.limit + 1;
    const rows = [];
    for (const org of orgs) {
      const found = await listNetFindings(deps.store.db, { org, ...(query.kind ? { kind: query.kind } : {}), ...(query.minScore !== undefined ? { minScore: query.minScore } : {}), limit: want });
      rows.push(...found.map((f) => ({ org, ...f })));
    }
    rows.sort((a, b) => b.score - a.score || a.org.localeCompare(b.org) || a.src.localeCompare(b.src) || a.dst.localeCompare(b.dst));
    return page(rows.slice(query.offset, want), query);
  },
});
