import { isIP } from 'node:net';
import type { LabelTaxonomy, MamoriEvent } from '../core/index.js';
import type { DocumentStatus, InventoryEntry } from '../store/index.js';
import { normaliseHostName, normaliseIp } from './keys.js';
import { addBounded, destinationFor, maxTime, minTime, strongerStatus, type IncidentState } from './state.js';

/** A document an upload carried: a registered document, or an inventoried sensitive file recognised by hash. */
interface Carried {
  readonly docId: string;
  readonly path: string;
  readonly label: string;
  readonly sha256: string | null;
}

/** True when the upload was stopped (monitor mode lets a "block" through, so it left). */
export function wasBlocked(e: MamoriEvent): boolean {
  return e.action === 'block' && !e.monitored;
}

/** The documents an event carried: its registry matches plus an inventoried file with the same hash. */
export function carriedDocuments(e: MamoriEvent, inventoryBySha: ReadonlyMap<string, InventoryEntry> | undefined): Carried[] {
  const out: Carried[] = e.matches.map((m) => ({ docId: m.docId, path: m.path, label: m.label, sha256: null }));
  const inv = e.sha256 ? inventoryBySha?.get(e.sha256) : undefined;
  if (inv) {
    const registered = inv.matches[0];
    const docId = registered?.docId ?? `sha256:${inv.sha256}`;
    const existing = out.findIndex((c) => c.docId === docId);
    const entry = { docId, path: registered?.path ?? inv.path, label: registered?.label ?? inv.label, sha256: inv.sha256 };
    if (existing >= 0) out[existing] = { ...out[existing]!, sha256: inv.sha256 };
    else out.push(entry);
  }
  return out;
}

/**
 * Whether an event belongs in an incident: a blocked or alerted upload, one monitor mode let through, or an
 * allowed upload that carried a sensitive document (a leak).
 */
export function isIncidentEvent(e: MamoriEvent, carried: readonly Carried[], taxonomy: LabelTaxonomy): boolean {
  if (!e.clientIp) return false;
  if (e.action !== 'allow' || e.monitored) return true;
  return carried.some((c) => taxonomy.rank(c.label) > taxonomy.rank(taxonomy.lowest));
}

function timelineKind(e: MamoriEvent): string {
  if (wasBlocked(e)) return 'upload-blocked';
  if (e.monitored) return 'upload-monitored';
  return e.action === 'alert' ? 'upload-alerted' : 'upload-allowed';
}

/**
 * Merges one upload event into its incident: destination, documents with their status, label, timeline.
 *
 * @example
 * applyEvent(state, event, carried, taxonomy);
 */
export function applyEvent(state: IncidentState, e: MamoriEvent, carried: readonly Carried[], taxonomy: LabelTaxonomy): void {
  const blocked = wasBlocked(e);
  const bytes = Number.isFinite(e.bytes) && e.bytes > 0 ? e.bytes : 0;
  // A URL with an address for a host (http://198.51.100.23/u) names the address, as the sensors do.
  const literal = e.destHost && isIP(e.destHost.replace(/^\[|\]$/g, '')) ? normaliseIp(e.destHost) : null;
  const dest = destinationFor(state, normaliseIp(e.destIp) ?? literal, literal ? null : normaliseHostName(e.destHost), e.time);
  dest.uploads += 1;
  if (blocked) dest.bytesBlocked += bytes;
  else dest.uploadBytesOut += bytes;

  const status: DocumentStatus = blocked ? 'blocked' : 'confirmed';
  for (const c of carried) {
    const doc = state.docs.get(c.docId);
    if (doc) {
      doc.status = strongerStatus(doc.status, status);
      doc.firstSeen = minTime(doc.firstSeen, e.time);
      doc.lastSeen = maxTime(doc.lastSeen, e.time);
      doc.bytes += bytes;
      doc.sha256 ??= c.sha256;
      doc.label = taxonomy.max(doc.label, c.label);
      addBounded(doc.destinations, dest.key);
      addBounded(doc.eventIds, e.id);
    } else {
      state.docs.set(c.docId, {
        incidentId: state.record.id,
        docId: c.docId,
        path: c.path,
        label: c.label,
        status,
        sha256: c.sha256,
        firstSeen: e.time,
        lastSeen: e.time,
        bytes,
        destinations: [dest.key],
        eventIds: [e.id],
      });
    }
    state.dirtyDocs.add(c.docId);
  }

  const r = state.record;
  r.firstSeen = minTime(r.firstSeen, e.time);
  r.lastSeen = maxTime(r.lastSeen, e.time);
  r.topLabel = taxonomy.max(r.topLabel, e.label);
  for (const c of carried) r.topLabel = taxonomy.max(r.topLabel, c.label);
  state.dirty = true;

  const verb = { 'upload-blocked': 'Blocked', 'upload-monitored': 'Monitored (would block)', 'upload-alerted': 'Alerted', 'upload-allowed': 'Allowed' }[timelineKind(e)];
  const what = e.fileName ?? 'content';
  const docs = carried.length ? `, ${carried.length} sensitive document(s)` : '';
  state.timeline.push({
    id: `event:${e.id}`,
    incidentId: r.id,
    time: e.time,
    kind: timelineKind(e),
    summary: `${verb} upload of ${what} (${e.label}, ${e.bytes} bytes${docs}) to ${dest.host ?? dest.ip ?? 'unknown'}; rule ${e.rule}`,
    evidence: { eventIds: [e.id], docIds: carried.map((c) => c.docId), destinations: [dest.key] },
  });
}
