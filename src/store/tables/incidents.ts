/**
 * Tables of the incidents and response domains: incidents with their documents, destinations, network
 * findings, timeline, audit and links; the correlation cursor; the response's quarantine list, block list
 * and delivery outbox. Conventions as in `core.ts`.
 */
import type { NetFindingColumns } from './netlog.js';

export interface IncidentsTable {
  id: string;
  org: string;
  host: string;
  status: string;
  severity: string;
  assignee: string | null;
  top_label: string;
  doc_count: number;
  leaked: number;
  first_seen: string;
  last_seen: string;
  created_at: string;
  updated_at: string;
}

export interface IncidentDocumentsTable {
  incident_id: string;
  doc_id: string;
  path: string;
  label: string;
  status: string;
  sha256: string | null;
  first_seen: string;
  last_seen: string;
  bytes: number;
  destinations_json: string;
  event_ids_json: string;
}

export interface IncidentDestinationsTable {
  incident_id: string;
  dest_key: string;
  ip: string | null;
  host: string | null;
  first_seen: string;
  last_seen: string;
  upload_bytes_out: number;
  net_bytes_out: number;
  bytes_blocked: number;
  uploads: number;
  findings: number;
}

export interface IncidentFindingsTable extends NetFindingColumns {
  incident_id: string;
  finding_key: string;
}

export interface IncidentTimelineTable {
  /** `event:<id>`, `finding:<key>` for evidence (which makes feeding twice harmless), else a new id. */
  id: string;
  incident_id: string;
  time: string;
  kind: string;
  summary: string;
  evidence_json: string;
}

export interface IncidentAuditTable {
  id: string;
  incident_id: string;
  time: string;
  actor: string;
  field: string;
  old_value: string | null;
  new_value: string | null;
  note: string | null;
}

export interface IncidentLinksTable {
  incident_id: string;
  other_id: string;
  via: string;
  value: string;
  created_at: string;
}

export interface CorrelationStateTable {
  name: string;
  value: string;
  updated_at: string;
}

export interface QuarantineTable {
  ip: string;
  org: string;
  incident_id: string | null;
  reason: string;
  added_by: string;
  added_at: string;
}

export interface BlocklistTable {
  value: string;
  kind: string;
  incident_id: string | null;
  reason: string;
  added_by: string;
  added_at: string;
}

export interface OutboxTable {
  id: string;
  sink: string;
  payload: string;
  status: string;
  attempts: number;
  created_at: string;
  next_attempt_at: string;
  last_error: string | null;
  delivered_at: string | null;
}

export interface IncidentTables {
  incidents: IncidentsTable;
  incident_documents: IncidentDocumentsTable;
  incident_destinations: IncidentDestinationsTable;
  incident_findings: IncidentFindingsTable;
  incident_timeline: IncidentTimelineTable;
  incident_audit: IncidentAuditTable;
  incident_links: IncidentLinksTable;
  correlation_state: CorrelationStateTable;
  quarantine: QuarantineTable;
  blocklist: BlocklistTable;
  outbox: OutboxTable;
}
