import type { LabelTaxonomy } from '../core/index.js';
import type { IncidentSeverity, InventoryEntry } from '../store/index.js';
import type { IncidentsConfig } from './config.js';
import { incidentSeverity, severityRank } from './severity.js';
import type { IncidentState } from './state.js';

export interface FinaliseContext {
  readonly taxonomy: LabelTaxonomy;
  readonly config: IncidentsConfig;
  readonly inventory: (org: string, host: string) => Promise<InventoryEntry[]>;
}

/** Destinations with network findings that received more than the proxy saw leave in uploads. */
export function unexplainedDestinations(state: IncidentState, threshold: number): { key: string; bytes: number }[] {
  const out: { key: string; bytes: number }[] = [];
  for (const d of state.dests.values()) {
    const unexplained = d.netBytesOut - d.uploadBytesOut;
    if (d.findings > 0 && unexplained > threshold) out.push({ key: d.key, bytes: unexplained });
  }
  return out;
}

/**
 * Derives what depends on the whole incident after new evidence: suspected documents (sensitive files the host
 * held when it sent an unexplained volume to a flagged destination), top label, document count, leak, severity.
 *
 * @example
 * await finalise(state, { taxonomy, config, inventory: (org, host) => listInventory(db, { org, host }) });
 */
export async function finalise(state: IncidentState, ctx: FinaliseContext): Promise<void> {
  const r = state.record;
  const flagged = unexplainedDestinations(state, ctx.config.unexplainedBytes);
  if (flagged.length > 0) {
    const keys = flagged.map((f) => f.key);
    const first = keys.map((k) => state.dests.get(k)!.firstSeen).sort()[0]!;
    const last = keys.map((k) => state.dests.get(k)!.lastSeen).sort().at(-1)!;
    for (const inv of await ctx.inventory(r.org, r.host)) {
      const registered = inv.matches[0];
      const docId = registered?.docId ?? `sha256:${inv.sha256}`;
      if (state.docs.has(docId)) continue;
      state.docs.set(docId, {
        incidentId: r.id,
        docId,
        path: registered?.path ?? inv.path,
        label: registered?.label ?? inv.label,
        status: 'suspected',
        sha256: inv.sha256,
        firstSeen: first,
        lastSeen: last,
        bytes: 0,
        destinations: keys,
        eventIds: [],
      });
      state.dirtyDocs.add(docId);
      state.timeline.push({
        id: `suspect:${r.id}|${docId}`,
        incidentId: r.id,
        time: first,
        kind: 'document-suspected',
        summary: `${inv.path} (${inv.label}) held by ${inv.host} may have left: ${flagged.map((f) => `${f.bytes} unexplained bytes to ${f.key}`).join(', ')}`,
        evidence: { docIds: [docId], destinations: keys },
      });
    }
  }
  let top = r.topLabel;
  let confirmed = false;
  for (const d of state.docs.values()) {
    top = ctx.taxonomy.max(top, d.label);
    if (d.status === 'confirmed') confirmed = true;
  }
  let network: IncidentSeverity | null = null;
  for (const f of state.findings.values()) if (!network || severityRank(f.severity) > severityRank(network)) network = f.severity as IncidentSeverity;
  r.topLabel = top;
  r.docCount = state.docs.size;
  r.leaked = confirmed || flagged.length > 0;
  r.severity = incidentSeverity(ctx.taxonomy, { topLabel: top, documents: state.docs.size, leaked: r.leaked, networkSeverity: network }, ctx.config.manyDocuments);
}
