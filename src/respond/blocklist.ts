import { isIP } from 'node:net';
import { DestinationSet } from '../core/index.js';
import { normaliseHostName, normaliseIp } from '../incidents/index.js';
import { addBlocklist, listIncidentDestinations, listIncidentDocuments, listIncidents, type BlocklistEntry, type Db } from '../store/index.js';

/** Destinations never put on a block list: internal networks and explicitly allowed destinations. */
export interface BlocklistGuard {
  readonly internal: readonly string[];
  readonly allow: readonly string[];
}

/**
 * Adds to the stored block list the destinations of incidents that deserve blocking: those with network findings
 * (beacons, tunnels, exfiltration volume) and those that received a confirmed leak. A destination only ever
 * refused by policy is not added (policy already stops it). Returns the values newly added.
 *
 * @example
 * const added = await blockIncidentDestinations(store.db, { internal: ['10.0.0.0/8'], allow: [] }, { incidentId });
 */
export async function blockIncidentDestinations(db: Db, guard: BlocklistGuard, options: { incidentId?: string; actor?: string; now?: Date } = {}): Promise<string[]> {
  const incidents = options.incidentId ? await listIncidents(db, { ids: [options.incidentId] }) : (await listIncidents(db, { limit: 100_000 })).filter((i) => i.status !== 'closed');
  const ids = incidents.map((i) => i.id);
  if (ids.length === 0) return [];
  const [dests, docs] = await Promise.all([listIncidentDestinations(db, { incidentIds: ids }), listIncidentDocuments(db, ids)]);
  const leakedTo = new Set(docs.filter((d) => d.status === 'confirmed').flatMap((d) => d.destinations.map((k) => `${d.incidentId}|${k}`)));
  const internal = DestinationSet.parse([...guard.internal, '127.0.0.0/8', '::1/128']);
  const allow = DestinationSet.parse([...guard.allow]);
  const at = (options.now ?? new Date()).toISOString();
  const entries: BlocklistEntry[] = [];
  for (const d of dests) {
    if (d.findings === 0 && !leakedTo.has(`${d.incidentId}|${d.key}`)) continue;
    if (allow.matches({ host: d.host, ip: d.ip })) continue;
    const reason = d.findings > 0 ? `${d.findings} network finding(s)` : 'received a confirmed leak';
    const ip = normaliseIp(d.ip);
    if (ip && isIP(ip) && !internal.matchesIp(ip)) entries.push({ value: ip, kind: 'ip', incidentId: d.incidentId, reason, addedBy: options.actor ?? 'mamori', addedAt: at });
    const host = normaliseHostName(d.host);
    if (host && !isIP(host) && !internal.matchesHost(host)) entries.push({ value: host, kind: 'domain', incidentId: d.incidentId, reason, addedBy: options.actor ?? 'mamori', addedAt: at });
  }
  // A value shared by several incidents is credited to the first (oldest id) that reported it.
  const unique = [...new Map(entries.reverse().map((e) => [e.value, e])).values()];
  return addBlocklist(db, unique);
}
