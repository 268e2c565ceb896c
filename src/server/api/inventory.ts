import { z } from 'zod';
import { listInventory } from '../../store/index.js';
import { orgFilter } from '../auth/principal.js';
import { defineRoute, READERS } from '../routes/define.js';
import { orgName, page, pageOf, pageQuery } from './paging.js';

/** One file of the data inventory: where sensitive files sit, with masked evidence. */
export const inventorySchema = z.object({
  org: z.string(),
  host: z.string(),
  path: z.string(),
  size: z.number(),
  mtimeMs: z.number(),
  sha256: z.string(),
  label: z.string(),
  unscannable: z.boolean(),
  findings: z.array(z.object({ detector: z.string(), count: z.number(), samples: z.array(z.string()) })),
  matches: z.array(z.object({ docId: z.string(), path: z.string(), label: z.string(), coverage: z.number() })),
  errors: z.array(z.object({ path: z.string(), code: z.string(), message: z.string() })),
  scannedAt: z.string(),
});

export const inventoryQuery = pageQuery.extend({
  org: orgName.optional(),
  host: z.string().max(255).optional(),
  label: z.string().max(64).optional().describe('Only files with this label.'),
  pathPrefix: z.string().max(4096).optional(),
});

export const listInventoryRoute = defineRoute({
  method: 'get',
  path: '/inventory',
  summary: 'The data inventory: files found by `mamori scan`, by path',
  tag: 'inventory',
  allow: READERS,
  scope: 'org',
  query: inventoryQuery,
  response: pageOf(inventorySchema),
  async handler({ query, principal, deps }) {
    const { limit, offset, org, label, ...filter } = query;
    const rows = await listInventory(deps.store.db, { ...filter, ...(label ? { labels: [label] } : {}), org: orgFilter(principal, org), limit: limit + 1, offset });
    return page(rows, { limit, offset });
  },
});
