import type { Db } from '../database.js';
import type { InventoryTable } from '../tables/core.js';

/** One file of the data inventory as `mamori scan` saw it. Samples in findings are masked. */
export interface InventoryEntry {
  readonly org: string;
  readonly host: string;
  readonly path: string;
  readonly size: number;
  readonly mtimeMs: number;
  readonly sha256: string;
  readonly label: string;
  readonly unscannable: boolean;
  readonly findings: { detector: string; count: number; samples: string[] }[];
  readonly matches: { docId: string; path: string; label: string; coverage: number }[];
  readonly errors: { path: string; code: string; message: string }[];
  readonly scannedAt: string;
  /** Key of what classified the entry (see `scannerKey`); a different key means the entry is stale. */
  readonly scanner?: string;
}

function fromRow(r: InventoryTable): InventoryEntry {
  return {
    org: r.org,
    host: r.host,
    path: r.path,
    size: Number(r.size),
    mtimeMs: Number(r.mtime_ms),
    sha256: r.sha256,
    label: r.label,
    unscannable: Number(r.unscannable) === 1,
    findings: JSON.parse(r.findings_json) as InventoryEntry['findings'],
    matches: JSON.parse(r.matches_json) as InventoryEntry['matches'],
    errors: JSON.parse(r.errors_json) as InventoryEntry['errors'],
    scannedAt: r.scanned_at,
    scanner: r.scanner,
  };
}

/**
 * Inserts or replaces inventory entries (key: org, host, path).
 *
 * @example
 * await upsertInventory(store.db, [entry]);
 */
export async function upsertInventory(db: Db, entries: readonly InventoryEntry[]): Promise<void> {
  for (const e of entries) {
    const row: InventoryTable = {
      org: e.org,
      host: e.host,
      path: e.path,
      size: e.size,
      mtime_ms: e.mtimeMs,
      sha256: e.sha256,
      label: e.label,
      unscannable: e.unscannable ? 1 : 0,
      findings_json: JSON.stringify(e.findings),
      matches_json: JSON.stringify(e.matches),
      errors_json: JSON.stringify(e.errors),
      scanned_at: e.scannedAt,
      scanner: e.scanner ?? '',
    };
    await db
      .insertInto('inventory')
      .values(row)
      .onConflict((oc) => oc.columns(['org', 'host', 'path']).doUpdateSet({ ...row }))
      .execute();
  }
}

/** Inventory entries of one host (or all), optionally only at or above some labels. */
export async function listInventory(
  db: Db,
  filter: { org?: string; host?: string; labels?: string[]; pathPrefix?: string; limit?: number; offset?: number } = {},
): Promise<InventoryEntry[]> {
  let q = db.selectFrom('inventory').selectAll();
  if (filter.org !== undefined) q = q.where('org', '=', filter.org);
  if (filter.host !== undefined) q = q.where('host', '=', filter.host);
  if (filter.labels?.length) q = q.where('label', 'in', filter.labels);
  if (filter.pathPrefix !== undefined) q = q.where('path', 'like', `${filter.pathPrefix.replace(/[\\%_]/g, '\\$&')}%`);
  const rows = await q.orderBy('path').orderBy('host').orderBy('org').limit(filter.limit ?? 100_000).offset(filter.offset ?? 0).execute();
  return rows.map(fromRow);
}

/** The entry for one path, or undefined: `scan` uses size and mtime to skip unchanged files. */
export async function getInventoryEntry(db: Db, org: string, host: string, path: string): Promise<InventoryEntry | undefined> {
  const r = await db.selectFrom('inventory').selectAll().where('org', '=', org).where('host', '=', host).where('path', '=', path).executeTakeFirst();
  return r ? fromRow(r) : undefined;
}
