/**
 * Core tables: organisations, recorded events, the data inventory (`mamori scan`).
 * Conventions for both dialects: ids are text, times are ISO 8601 UTC text, JSON is text,
 * booleans are integers 0/1, byte counts are bigint (read back as numbers).
 */
export interface OrgsTable {
  id: string;
  name: string;
  created_at: string;
}

export interface EventsTable {
  id: string;
  org: string;
  time: string;
  channel: string;
  action: string;
  monitored: number;
  rule: string;
  reason: string;
  client_ip: string | null;
  user_name: string | null;
  method: string | null;
  url: string | null;
  dest_host: string | null;
  dest_ip: string | null;
  bytes: number;
  label: string;
  unscannable: number;
  sha256: string | null;
  file_name: string | null;
  findings_json: string;
  matches_json: string;
}

export interface InventoryTable {
  org: string;
  host: string;
  path: string;
  size: number;
  mtime_ms: number;
  sha256: string;
  label: string;
  unscannable: number;
  findings_json: string;
  matches_json: string;
  errors_json: string;
  scanned_at: string;
  /** Key of what classified the entry (version, config, registry); '' before it was recorded. */
  scanner: string;
}

export interface CoreTables {
  orgs: OrgsTable;
  events: EventsTable;
  inventory: InventoryTable;
}
