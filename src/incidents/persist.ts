import { newId } from '../core/index.js';
import {
  existingTimelineIds,
  insertIncidentAudit,
  listIncidentDestinations,
  openIncidentsOfHosts,
  saveIncidentDestinations,
  saveIncidentDocuments,
  saveIncidentFindings,
  saveIncidents,
  saveLinks,
  saveTimeline,
  type IncidentAuditEntry,
  type Db,
  type IncidentLink,
  type TimelineEntry,
} from '../store/index.js';
import { severityRank } from './severity.js';
import type { IncidentState } from './state.js';

/** Incidents sharing one destination at most for it to link them: beyond that it is a popular service, not a campaign. */
const MAX_INCIDENTS_PER_VALUE = 50;

/**
 * Saves what changed in the states, audits creation and severity changes, links incidents sharing a destination
 * (any organisation) or a host (same organisation), and clears the change marks.
 */
export async function persist(trx: Db, states: readonly IncidentState[], now: Date): Promise<{ created: string[]; updated: string[]; escalated: string[] }> {
  const at = now.toISOString();
  const created: string[] = [];
  const updated: string[] = [];
  const escalated: string[] = [];
  const audit: IncidentAuditEntry[] = [];
  const timeline: TimelineEntry[] = [];
  for (const s of states) {
    const r = s.record;
    r.updatedAt = at;
    if (s.isNew) {
      created.push(r.id);
      audit.push({ id: newId('aud', now.getTime()), incidentId: r.id, time: at, actor: 'mamori', field: 'created', oldValue: null, newValue: `${r.status}/${r.severity}`, note: `host ${r.host}` });
      timeline.push(openedEntry(r));
    } else {
      updated.push(r.id);
      // A late event (a sensor's outage, a clock behind) can predate the incident: it opened no later than that.
      if (r.firstSeen < s.firstSeenBefore) timeline.push(openedEntry(r));
      if (r.severity !== s.severityBefore) {
        audit.push({ id: newId('aud', now.getTime()), incidentId: r.id, time: at, actor: 'mamori', field: 'severity', oldValue: s.severityBefore, newValue: r.severity, note: 'new evidence' });
        if (severityRank(r.severity) > severityRank(s.severityBefore)) escalated.push(r.id);
      }
    }
    timeline.push(...s.timeline);
  }
  await saveIncidents(trx, states.map((s) => s.record));
  await saveIncidentDocuments(trx, states.flatMap((s) => [...s.dirtyDocs].map((k) => s.docs.get(k)!)));
  await saveIncidentDestinations(trx, states.flatMap((s) => [...s.dirtyDests].map((k) => s.dests.get(k)!)));
  await saveIncidentFindings(trx, states.flatMap((s) => [...s.dirtyFindings].map((k) => s.findings.get(k)!)));
  const links = await findLinks(trx, states, new Set(created), at);
  await saveLinks(trx, links);
  // One timeline entry per incident and shared value (the full list is in the links), written once.
  const byValue = new Map<string, IncidentLink[]>();
  for (const l of links) byValue.set(`${l.incidentId}|${l.value}`, [...(byValue.get(`${l.incidentId}|${l.value}`) ?? []), l]);
  const linkEntries: TimelineEntry[] = [...byValue.values()].map((group) => {
    const l = group[0]!;
    const more = group.length > 1 ? ` and ${group.length - 1} other(s)` : '';
    return {
      id: `link:${l.incidentId}|${l.via}|${l.value}`,
      incidentId: l.incidentId,
      time: at,
      kind: 'incident-linked',
      summary: `Shares ${l.via} ${l.value} with incident ${l.otherId}${more}`,
      evidence: { destinations: l.via === 'destination' ? [l.value] : [] },
    };
  });
  const known = await existingTimelineIds(trx, linkEntries.map((e) => e.id));
  // The same evidence twice in one batch (a finding repeated) keeps its last version.
  const unique = new Map([...timeline, ...linkEntries.filter((e) => !known.has(e.id))].map((e) => [e.id, e]));
  await saveTimeline(trx, [...unique.values()]);
  await insertIncidentAudit(trx, audit);
  for (const s of states) {
    s.dirtyDocs.clear();
    s.dirtyDests.clear();
    s.dirtyFindings.clear();
    s.newDests.clear();
    s.timeline.length = 0;
    s.dirty = false;
    s.isNew = false;
    s.severityBefore = s.record.severity;
    s.firstSeenBefore = s.record.firstSeen;
  }
  return { created, updated, escalated };
}

function openedEntry(r: IncidentState['record']): TimelineEntry {
  return { id: `opened:${r.id}`, incidentId: r.id, time: r.firstSeen, kind: 'incident-opened', summary: `Incident opened for host ${r.host} (${r.org})`, evidence: {} };
}

async function findLinks(trx: Db, states: readonly IncidentState[], created: ReadonlySet<string>, at: string): Promise<IncidentLink[]> {
  const values = new Set<string>();
  for (const s of states) {
    for (const k of s.newDests) {
      const d = s.dests.get(k)!;
      if (d.ip) values.add(d.ip);
      if (d.host) values.add(d.host);
    }
  }
  const links: IncidentLink[] = [];
  const seen = new Set<string>();
  const add = (a: string, b: string, via: IncidentLink['via'], value: string) => {
    const key = `${a}|${b}|${value}`;
    if (seen.has(key)) return;
    seen.add(key);
    links.push({ incidentId: a, otherId: b, via, value, createdAt: at }, { incidentId: b, otherId: a, via, value, createdAt: at });
  };
  if (values.size > 0) {
    // Which incidents each shared address or name belongs to.
    const holders = new Map<string, Set<string>>();
    const hold = (value: string | null, incidentId: string) => {
      if (!value || !values.has(value)) return;
      let set = holders.get(value);
      if (!set) holders.set(value, (set = new Set()));
      set.add(incidentId);
    };
    for (const row of await listIncidentDestinations(trx, { byKeys: [...values] })) {
      hold(row.ip, row.incidentId);
      hold(row.host, row.incidentId);
    }
    for (const s of states) {
      for (const k of s.newDests) {
        const d = s.dests.get(k)!;
        for (const value of [d.ip, d.host]) {
          const set = value ? holders.get(value) : undefined;
          // A destination half the network talks to is a popular service, not a campaign.
          if (!value || !set || set.size > MAX_INCIDENTS_PER_VALUE) continue;
          for (const other of set) if (other !== s.record.id) add(s.record.id, other, 'destination', value);
        }
      }
    }
  }
  const fresh = states.filter((s) => created.has(s.record.id));
  if (fresh.length > 0) {
    for (const other of await openIncidentsOfHosts(trx, fresh.map((s) => s.record.host), { includeClosed: true })) {
      for (const s of fresh) {
        if (other.id !== s.record.id && other.org === s.record.org && other.host === s.record.host) add(s.record.id, other.id, 'host', other.host);
      }
    }
  }
  return links;
}
