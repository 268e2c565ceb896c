/**
 * Tables of the registry domain: registered sensitive documents and their fingerprints.
 * Fingerprints are one binary blob per document (bytea in PostgreSQL, blob in SQLite): 8 bytes per
 * fingerprint (hash, position; little-endian u32) plus a quarter byte per character of check bits, so
 * start-up reads one row per document instead of one per fingerprint.
 */
export interface DocumentsTable {
  id: string;
  org: string;
  path: string;
  label: string;
  owner: string | null;
  /** Bytes of the file as registered. */
  size: number;
  sha256: string;
  mtime_ms: number;
  /** Normalised characters. */
  chars: number;
  /** Distinct fingerprints. */
  fingerprint_count: number;
  /** Fingerprinting scheme (window, k, version): documents of another scheme must be registered again. */
  scheme: string;
  fingerprints: Uint8Array;
  checks: Uint8Array;
  registered_at: string;
}

export interface RegistryTables {
  documents: DocumentsTable;
}
