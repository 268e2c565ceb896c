import {
  getIncident,
  listIncidentAudit,
  listIncidentDestinations,
  listIncidentDocuments,
  listIncidentFindings,
  listLinks,
  listTimeline,
  type IncidentAuditEntry,
  type Db,
  type DocumentStatus,
  type Evidence,
  type IncidentFinding,
  type IncidentRecord,
} from '../store/index.js';

/** A destination as responders read it; `bytesOut` is what left (the larger of proxy and sensor figures). */
export interface DestinationView {
  readonly ip: string | null;
  readonly host: string | null;
  readonly firstSeen: string;
  readonly lastSeen: string;
  readonly bytesOut: number;
  readonly uploadBytesOut: number;
  readonly networkBytesOut: number;
  readonly bytesBlocked: number;
  readonly uploads: number;
  readonly findings: number;
}

export interface DocumentView {
  readonly docId: string;
  readonly path: string;
  readonly label: string;
  readonly status: DocumentStatus;
  readonly firstSeen: string;
  readonly lastSeen: string;
  readonly bytes: number;
  /** Host names (or addresses when no name is known) the document went or tried to go to. */
  readonly destinations: string[];
  readonly sha256: string | null;
  readonly eventIds: string[];
}

/** A network finding as an incident shows it. */
export type FindingView = Omit<IncidentFinding, 'incidentId'>;

/** Everything about one incident: the JSON of `mamori incident <id>`. */
export interface IncidentView extends Omit<IncidentRecord, 'docCount'> {
  readonly destinations: DestinationView[];
  readonly documents: DocumentView[];
  readonly findings: FindingView[];
  readonly timeline: { time: string; kind: string; summary: string; evidence: Evidence }[];
  readonly audit: Omit<IncidentAuditEntry, 'incidentId'>[];
  readonly links: { incidentId: string; via: string; value: string }[];
}

/**
 * Loads one incident with its destinations, documents, findings, timeline, audit trail and links; undefined when unknown.
 *
 * @example
 * const view = await loadIncidentView(store.db, 'inc_...');
 */
export async function loadIncidentView(db: Db, id: string): Promise<IncidentView | undefined> {
  const inc = await getIncident(db, id);
  if (!inc) return undefined;
  const [dests, docs, findings, timeline, audit, links] = await Promise.all([
    listIncidentDestinations(db, { incidentIds: [id] }),
    listIncidentDocuments(db, [id]),
    listIncidentFindings(db, [id]),
    listTimeline(db, id),
    listIncidentAudit(db, id),
    listLinks(db, id),
  ]);
  const name = new Map(dests.map((d) => [d.key, d.host ?? d.ip ?? d.key]));
  const { docCount: _docCount, ...record } = inc;
  return {
    ...record,
    destinations: dests.map((d) => ({
      ip: d.ip,
      host: d.host,
      firstSeen: d.firstSeen,
      lastSeen: d.lastSeen,
      bytesOut: Math.max(d.uploadBytesOut, d.netBytesOut),
      uploadBytesOut: d.uploadBytesOut,
      networkBytesOut: d.netBytesOut,
      bytesBlocked: d.bytesBlocked,
      uploads: d.uploads,
      findings: d.findings,
    })),
    documents: docs.map((d) => ({
      docId: d.docId,
      path: d.path,
      label: d.label,
      status: d.status,
      firstSeen: d.firstSeen,
      lastSeen: d.lastSeen,
      bytes: d.bytes,
      destinations: d.destinations.map((k) => name.get(k) ?? k),
      sha256: d.sha256,
      eventIds: d.eventIds,
    })),
    findings: findings.map(({ incidentId: _i, ...f }) => f),
    timeline: timeline.map((t) => ({ time: t.time, kind: t.kind, summary: t.summary, evidence: t.evidence })),
    audit: audit.map(({ incidentId: _i, ...a }) => a),
    links: links.map((l) => ({ incidentId: l.otherId, via: l.via, value: l.value })),
  };
}
