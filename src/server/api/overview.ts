import { z } from 'zod';
import { eventTimeline, incidentCounts, topEventValues } from '../../store/index.js';
import { orgFilter } from '../auth/principal.js';
import type { ServerDeps } from '../deps.js';
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
  incidents: z.array(z.object({ severity: z.string(), status: z.string(), count: z.number() })),
});

export const overviewQuery = z.object({ org: orgName.optional(), days: z.coerce.number().int().min(1).max(366).default(7) });

export const overviewRoute = defineRoute({
  method: 'get',
  path: '/overview',
  summary: 'Events and blocks over time, incidents by severity and status, top hosts and destinations, labels of what was blocked',
  tag: 'overview',
  allow: READERS,
  scope: 'org',
  query: overviewQuery,
  response: overviewSchema,
  async handler({ query, principal, deps }) {
    const org = orgFilter(principal, query.org);
    // Several analysts watching the same dashboard share one computation for a few seconds.
    const cache = caches.get(deps) ?? new Map<string, { at: number; value: Promise<z.input<typeof overviewSchema>> }>();
    caches.set(deps, cache);
    const key = `${org ?? '*'}|${query.days}`;
    const hit = cache.get(key);
    if (hit && Date.now() - hit.at < CACHE_MS) return hit.value;
    if (cache.size >= 200) cache.delete(cache.keys().next().value as string);
    const value = computeOverview(deps, org, query.days);
    cache.set(key, { at: Date.now(), value });
    value.catch(() => cache.delete(key));
    return value;
  },
});

const CACHE_MS = 10_000;
const caches = new WeakMap<object, Map<string, { at: number; value: Promise<z.input<typeof overviewSchema>> }>>();

async function computeOverview(deps: ServerDeps, org: string | undefined, days: number): Promise<z.input<typeof overviewSchema>> {
  const since = new Date(Date.now() - days * 86_400_000).toISOString();
  const w = { org, since };
  const bucket: 'hour' | 'day' = days <= 3 ? 'hour' : 'day';
  const db = deps.store.db;
  const [timeline, topHosts, topDestinations, blockedLabels, topRules, incidents] = await Promise.all([
    eventTimeline(db, w, bucket),
    topEventValues(db, w, 'client_ip'),
    topEventValues(db, w, 'dest_host'),
    topEventValues(db, w, 'label', { action: 'block' }),
    topEventValues(db, w, 'rule', { action: 'block' }),
    incidentCounts(db, { org }),
  ]);
  return { since, bucket, timeline: fillBuckets(timeline, since, new Date().toISOString(), bucket), topHosts, topDestinations, blockedLabels, topRules, incidents };
}

/**
 * Every bucket of the window, empty ones as zeros: a chart of a quiet week still shows seven days.
 *
 * @example
 * fillBuckets([], '2026-11-01T00:00:00Z', '2026-11-03T00:00:00Z', 'day').length; // 3
 */
export function fillBuckets<P extends { bucket: string; total: number; blocked: number; alerted: number }>(points: readonly P[], since: string, until: string, bucket: 'hour' | 'day'): { bucket: string; total: number; blocked: number; alerted: number }[] {
  const len = bucket === 'hour' ? 13 : 10;
  const step = bucket === 'hour' ? 3_600_000 : 86_400_000;
  const byKey = new Map(points.map((p) => [p.bucket, p]));
  const out: { bucket: string; total: number; blocked: number; alerted: number }[] = [];
  const end = new Date(until).toISOString().slice(0, len);
  for (let t = Date.parse(since), n = 0; n < 10_000; t += step, n++) {
    const key = new Date(t).toISOString().slice(0, len);
    const p = byKey.get(key);
    out.push(p ? { bucket: key, total: p.total, blocked: p.blocked, alerted: p.alerted } : { bucket: key, total: 0, blocked: 0, alerted: 0 });
    if (key >= end) break;
  }
  return out;
}
