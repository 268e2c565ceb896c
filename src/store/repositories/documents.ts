import { newId } from '../../core/index.js';
import type { Db } from '../database.js';
import type { DocumentsTable } from '../tables/registry.js';

/** A registered document without its fingerprints (what `mamori docs` lists). */
export interface RegisteredDocument {
  readonly id: string;
  readonly org: string;
  readonly path: string;
  readonly label: string;
  readonly owner: string | null;
  readonly size: number;
  readonly sha256: string;
  readonly mtimeMs: number;
  readonly chars: number;
  readonly fingerprintCount: number;
  readonly scheme: string;
  readonly registeredAt: string;
}

/** A document with its stored fingerprint blobs, as start-up loads it. */
export interface StoredDocument extends RegisteredDocument {
  /** 8 bytes per fingerprint: hash and position, little-endian u32. */
  readonly fingerprints: Uint8Array;
  /** Packed 2-bit checks per k-gram position. */
  readonly checks: Uint8Array;
}

/** What `registerDocument` stores; id and time are assigned. */
export type NewDocument = Omit<StoredDocument, 'id' | 'registeredAt'>;

const META = ['id', 'org', 'path', 'label', 'owner', 'size', 'sha256', 'mtime_ms', 'chars', 'fingerprint_count', 'scheme', 'registered_at'] as const;

function fromRow(r: Omit<DocumentsTable, 'fingerprints' | 'checks'>): RegisteredDocument {
  return {
    id: r.id,
    org: r.org,
    path: r.path,
    label: r.label,
    owner: r.owner,
    size: Number(r.size),
    sha256: r.sha256,
    mtimeMs: Number(r.mtime_ms),
    chars: Number(r.chars),
    fingerprintCount: Number(r.fingerprint_count),
    scheme: r.scheme,
    registeredAt: r.registered_at,
  };
}

/**
 * Registers a document, or replaces the fingerprints of the one already registered at the same path
 * (it keeps its id, so earlier events still point at it).
 *
 * @example
 * const { id, replaced } = await registerDocument(store.db, { org: 'default', path: '/share/予算.docx', label: 'c2', ... });
 */
export async function registerDocument(db: Db, doc: NewDocument, now = new Date()): Promise<{ id: string; replaced: boolean }> {
  return db.transaction().execute(async (trx) => {
    const existing = await trx.selectFrom('documents').select('id').where('org', '=', doc.org).where('path', '=', doc.path).executeTakeFirst();
    const row: DocumentsTable = {
      id: existing?.id ?? newId('doc', now.getTime()),
      org: doc.org,
      path: doc.path,
      label: doc.label,
      owner: doc.owner,
      size: doc.size,
      sha256: doc.sha256,
      mtime_ms: doc.mtimeMs,
      chars: doc.chars,
      fingerprint_count: doc.fingerprintCount,
      scheme: doc.scheme,
      fingerprints: Buffer.from(doc.fingerprints.buffer, doc.fingerprints.byteOffset, doc.fingerprints.byteLength),
      checks: Buffer.from(doc.checks.buffer, doc.checks.byteOffset, doc.checks.byteLength),
      registered_at: now.toISOString(),
    };
    if (existing) await trx.updateTable('documents').set(row).where('id', '=', existing.id).execute();
    else await trx.insertInto('documents').values(row).execute();
    return { id: row.id, replaced: existing !== undefined };
  });
}

/**
 * Removes documents by id or by path; returns what was removed (empty when nothing matched).
 *
 * @example
 * const removed = await unregisterDocument(store.db, 'default', '/share/予算.docx');
 */
export async function unregisterDocument(db: Db, org: string, idOrPath: string): Promise<RegisteredDocument[]> {
  return db.transaction().execute(async (trx) => {
    const rows = await trx
      .selectFrom('documents')
      .select(META)
      .where('org', '=', org)
      .where((eb) => eb.or([eb('id', '=', idOrPath), eb('path', '=', idOrPath)]))
      .execute();
    if (rows.length > 0) await trx.deleteFrom('documents').where('id', 'in', rows.map((r) => r.id)).execute();
    return rows.map(fromRow);
  });
}

/**
 * Registered documents of an organisation, by path, without fingerprints.
 *
 * @example
 * for (const d of await listDocuments(store.db, { org: 'default' })) console.log(d.path, d.label);
 */
export async function listDocuments(db: Db, filter: { org?: string; pathPrefix?: string } = {}): Promise<RegisteredDocument[]> {
  let q = db.selectFrom('documents').select(META);
  if (filter.org !== undefined) q = q.where('org', '=', filter.org);
  if (filter.pathPrefix !== undefined) q = q.where('path', 'like', `${filter.pathPrefix.replace(/[\\%_]/g, '\\$&')}%`);
  return (await q.orderBy('path').execute()).map(fromRow);
}

/** The document registered at a path, or undefined: `register` skips files whose content has not changed. */
export async function getDocumentByPath(db: Db, org: string, path: string): Promise<RegisteredDocument | undefined> {
  const r = await db.selectFrom('documents').select(META).where('org', '=', org).where('path', '=', path).executeTakeFirst();
  return r ? fromRow(r) : undefined;
}

/**
 * Every document with its fingerprints, in pages of `batch` rows (keyset by id), so start-up memory stays
 * at one page of blobs beyond the index being built.
 *
 * @example
 * for await (const page of loadStoredDocuments(store.db, { org: 'default' })) for (const d of page) index.add(...);
 */
export async function* loadStoredDocuments(db: Db, options: { org?: string; batch?: number } = {}): AsyncGenerator<StoredDocument[]> {
  const batch = options.batch ?? 1000;
  let after = '';
  for (;;) {
    let q = db.selectFrom('documents').selectAll().where('id', '>', after);
    if (options.org !== undefined) q = q.where('org', '=', options.org);
    const rows = await q.orderBy('id').limit(batch).execute();
    if (rows.length === 0) return;
    yield rows.map((r) => ({ ...fromRow(r), fingerprints: r.fingerprints, checks: r.checks }));
    after = rows[rows.length - 1]!.id;
    if (rows.length < batch) return;
  }
}

/**
 * Documents with their fingerprints, by id (what a running index needs after `register` elsewhere).
 *
 * @example
 * const changed = await loadStoredDocumentsById(store.db, ['doc_01…']);
 */
export async function loadStoredDocumentsById(db: Db, ids: readonly string[]): Promise<StoredDocument[]> {
  const out: StoredDocument[] = [];
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await db.selectFrom('documents').selectAll().where('id', 'in', ids.slice(i, i + 500)).execute();
    for (const r of rows) out.push({ ...fromRow(r), fingerprints: r.fingerprints, checks: r.checks });
  }
  return out;
}

/**
 * How many documents and stored fingerprint entries an organisation has, without reading the blobs:
 * start-up sizes the index with it.
 *
 * @example
 * const { documents, entries } = await registrySize(store.db, 'default');
 */
export async function registrySize(db: Db, org: string): Promise<{ documents: number; entries: number }> {
  const r = await db
    .selectFrom('documents')
    .select((eb) => [eb.fn.countAll<number>().as('documents'), eb.fn.sum<number>(eb.fn('length', ['fingerprints'])).as('bytes')])
    .where('org', '=', org)
    .executeTakeFirst();
  return { documents: Number(r?.documents ?? 0), entries: Math.floor(Number(r?.bytes ?? 0) / 8) };
}
