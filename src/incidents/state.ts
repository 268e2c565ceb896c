import type { IncidentDestination, IncidentDocument, IncidentFinding, IncidentRecord, TimelineEntry, DocumentStatus } from '../store/index.js';

/** A writable copy of a stored shape. */
export type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** An incident being correlated: its row, its parts by key, and what changed since it was last saved. */
export interface IncidentState {
  record: Mutable<IncidentRecord>;
  readonly docs: Map<string, Mutable<IncidentDocument>>;
  readonly dests: Map<string, Mutable<IncidentDestination>>;
  readonly findings: Map<string, Mutable<IncidentFinding>>;
  readonly dirtyDocs: Set<string>;
  readonly dirtyDests: Set<string>;
  readonly dirtyFindings: Set<string>;
  /** Destinations first seen in this batch: only these can link the incident to others. */
  readonly newDests: Set<string>;
  readonly timeline: TimelineEntry[];
  dirty: boolean;
  isNew: boolean;
  severityBefore: string;
  /** First seen as stored: a late event that moves it earlier moves the "incident opened" entry with it. */
  firstSeenBefore: string;
}

const STATUS_RANK: Record<DocumentStatus, number> = { suspected: 1, blocked: 2, confirmed: 3 };

/** The stronger of two document statuses: a copy that left (`confirmed`) outranks a stopped one (`blocked`), which outranks `suspected`. */
export function strongerStatus(a: DocumentStatus, b: DocumentStatus): DocumentStatus {
  return STATUS_RANK[b] > STATUS_RANK[a] ? b : a;
}

/** Earliest / latest of two ISO times. */
export function minTime(a: string, b: string): string {
  return b < a ? b : a;
}
export function maxTime(a: string, b: string): string {
  return b > a ? b : a;
}

/** Adds a value to a bounded list without duplicates (evidence lists stay small on a busy host). */
export function addBounded(list: string[], value: string, max = 200): void {
  if (list.length < max && !list.includes(value)) list.push(value);
}

/**
 * Finds the destination an address or name belongs to, or creates it. Events often know only the host name,
 * sensors only the address; a later record with both joins them under the first key.
 */
export function destinationFor(state: IncidentState, ip: string | null, host: string | null, time: string): Mutable<IncidentDestination> {
  let found: Mutable<IncidentDestination> | undefined;
  for (const d of state.dests.values()) {
    if ((ip && d.ip === ip) || (host && d.host === host && (!ip || !d.ip))) {
      found = d;
      break;
    }
  }
  if (!found) {
    const key = ip ?? host ?? 'unknown';
    found = { incidentId: state.record.id, key, ip, host, firstSeen: time, lastSeen: time, uploadBytesOut: 0, netBytesOut: 0, bytesBlocked: 0, uploads: 0, findings: 0 };
    state.dests.set(key, found);
    state.newDests.add(key);
  }
  found.ip ??= ip;
  found.host ??= host;
  found.firstSeen = minTime(found.firstSeen, time);
  found.lastSeen = maxTime(found.lastSeen, time);
  state.dirtyDests.add(found.key);
  return found;
}
