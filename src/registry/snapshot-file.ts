import { createHash, randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { DocumentIndex, decodeIndexSnapshot, encodeIndexSnapshot, type DocumentIndexOptions } from '../fingerprint/index.js';
import type { StoreConfig } from '../store/index.js';

/** Where an index snapshot lives and which store and organisation it must have been taken from. */
export interface SnapshotTarget {
  readonly path: string;
  /** The store and organisation, e.g. `sqlite:/var/lib/mamori/mamori.db#default`; never credentials. */
  readonly source: string;
}

/**
 * The snapshot file of a store's index: `index-<hash of source>.snapshot` in `dir`. SQLite stores keep it in
 * the data directory beside the database; PostgreSQL ones in the configured (local) snapshot directory.
 * None for an in-memory SQLite database.
 *
 * @example
 * const target = snapshotTarget('/var/lib/mamori', { kind: 'sqlite', path: '/var/lib/mamori/mamori.db' }, 'default');
 */
export function snapshotTarget(dir: string, store: StoreConfig, org: string): SnapshotTarget | undefined {
  let where: string;
  // An in-memory database lives and dies with its process: nothing to come back to.
  if (store.kind === 'sqlite' && store.path === ':memory:') return undefined;
  if (store.kind === 'sqlite') where = `sqlite:${resolve(store.path)}`;
  else {
    const url = new URL(store.url);
    // Host, port and database name identify the store; user and password are not part of it and stay out of files.
    where = `postgres://${url.hostname}:${url.port || '5432'}${url.pathname}?schema=${store.schema ?? 'public'}`;
  }
  const source = `${where}#${org}`;
  return { path: join(dir, `index-${createHash('sha256').update(source).digest('hex').slice(0, 16)}.snapshot`), source };
}

/**
 * Writes the index and the registration version of each of its documents to the snapshot file atomically:
 * a temporary file in the same directory, flushed, then renamed over the old one, so readers see the old
 * snapshot or the new one, never a mix. The index is captured before the first await.
 *
 * @example
 * await writeIndexSnapshot(target, index, versions);
 */
export async function writeIndexSnapshot(target: SnapshotTarget, index: DocumentIndex, versions: ReadonlyMap<string, string>): Promise<{ bytes: number }> {
  const snapshot = index.snapshot();
  const chunks = encodeIndexSnapshot({ snapshot, versions: snapshot.documents.map((d) => versions.get(d.docId) ?? ''), source: target.source });
  await mkdir(dirname(target.path), { recursive: true });
  const tmp = `${target.path}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
  let bytes = 0;
  try {
    const file = await open(tmp, 'w', 0o600);
    try {
      // writev takes at most IOV_MAX buffers at a time (one document's check bits are one buffer); a short
      // write goes on from where it stopped.
      for (let i = 0; i < chunks.length; i += 1024) {
        const rest = chunks.slice(i, i + 1024).filter((c) => c.byteLength > 0);
        while (rest.length > 0) {
          let { bytesWritten } = await file.writev(rest);
          bytes += bytesWritten;
          while (rest.length > 0 && bytesWritten >= rest[0]!.byteLength) bytesWritten -= rest.shift()!.byteLength;
          if (rest.length > 0 && bytesWritten > 0) rest[0] = rest[0]!.subarray(bytesWritten);
        }
      }
      await file.sync();
    } finally {
      await file.close();
    }
    await rename(tmp, target.path);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
  return { bytes };
}

/**
 * Reads a snapshot file back: one read, typed-array views over it, every entry checked. Throws (ENOENT when
 * there is none; ERR_INPUT naming the problem when it is damaged, truncated, of another scheme or source).
 *
 * @example
 * const { index, versions } = await readIndexSnapshot(target, { boilerplateDocs: 20 });
 */
export async function readIndexSnapshot(target: SnapshotTarget, options: DocumentIndexOptions): Promise<{ index: DocumentIndex; versions: Map<string, string> }> {
  const bytes = await readFile(target.path);
  const { snapshot, versions } = decodeIndexSnapshot(bytes, { source: target.source });
  const index = DocumentIndex.fromSnapshot(snapshot, options);
  return { index, versions: new Map(snapshot.documents.map((d, i) => [d.docId, versions[i]!])) };
}
