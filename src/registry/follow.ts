import type { MamoriConfig } from '../config/index.js';
import { SCHEME, type DocumentIndex } from '../fingerprint/index.js';
import { listDocuments, loadStoredDocumentsById, type Db, type StoredDocument } from '../store/index.js';
import { indexedDocument } from './load-index.js';
import { writeIndexSnapshot, type SnapshotTarget } from './snapshot-file.js';

/** What one refresh changed. */
export interface RegistryChanges {
  readonly added: number;
  readonly replaced: number;
  readonly removed: number;
}

/** What one refresh applied to the index, for copies of it kept elsewhere (inspection workers). */
export interface RegistryUpdate {
  /** Documents added or re-registered (each replaces any document with its id). */
  readonly documents: readonly StoredDocument[];
  /** Ids dropped from the index: unregistered, or re-registered under another fingerprint scheme. */
  readonly removed: readonly string[];
}

/** A running index following the store. */
export interface RegistryFollower {
  /** Compares the store's documents with the index and applies the difference. */
  refresh(): Promise<RegistryChanges>;
  /** Writes the snapshot now if changes were applied since the last one (at shutdown). */
  flush(): Promise<void>;
  stop(): void;
}

/**
 * Brings an index up to the store: lists the documents (ids and registration times only, no blobs), loads
 * the fingerprints of new or re-registered ones and drops removed ones. `versions` (id → registration time)
 * is what the index holds and is updated in place. Documents of another fingerprint scheme are left out and
 * their paths returned as `stale`; `loaded` counts the documents whose fingerprints were read, and `update`
 * says what changed for copies of the index kept elsewhere.
 *
 * @example
 * const { added, stale } = await syncIndex(store.db, config, index, versions);
 */
export async function syncIndex(db: Db, config: MamoriConfig, index: DocumentIndex, versions: Map<string, string>): Promise<RegistryChanges & { stale: string[]; loaded: number; update: RegistryUpdate }> {
  const listed = await listDocuments(db, { org: config.org });
  const seen = new Set<string>();
  const changed: string[] = [];
  const stale: string[] = [];
  const dropped: string[] = [];
  let added = 0;
  let replaced = 0;
  for (const d of listed) {
    seen.add(d.id);
    if (d.scheme !== SCHEME) stale.push(d.path);
    const known = versions.get(d.id);
    if (known === d.registeredAt) continue;
    if (known === undefined) added++;
    else replaced++;
    versions.set(d.id, d.registeredAt);
    if (d.scheme === SCHEME) changed.push(d.id);
    else if (index.remove(d.id)) dropped.push(d.id);
  }
  let removed = 0;
  for (const id of [...versions.keys()]) {
    if (seen.has(id)) continue;
    versions.delete(id);
    if (index.remove(id)) {
      removed++;
      dropped.push(id);
    }
  }
  const documents = await loadStoredDocumentsById(db, changed);
  for (const d of documents) index.add(indexedDocument(d));
  return { added, replaced, removed, stale, loaded: changed.length, update: { documents, removed: dropped } };
}

/**
 * Keeps a long-running service's index current while `mamori register` / `unregister` run elsewhere:
 * every `intervalMs` it applies the store's changes (`syncIndex`). Lookups go on meanwhile. With a
 * snapshot target, a batch of changes is written to the snapshot once it has settled (the first refresh
 * that finds nothing new), so the next start-up reads it instead of the store. `onUpdate` is told each
 * change after the index has it and before the refresh resolves, so copies change with it.
 *
 * @example
 * const { index, versions } = await loadDocumentIndex(store.db, config);
 * const follower = followRegistry(store.db, config, index, versions, 10_000, { onUpdate: (u) => pool.updateRegistry(u) });
 */
export function followRegistry(
  db: Db,
  config: MamoriConfig,
  index: DocumentIndex,
  versions: Map<string, string>,
  intervalMs = 0,
  options: { snapshot?: SnapshotTarget; log?: (message: string) => void; onUpdate?: (update: RegistryUpdate) => void } = {},
): RegistryFollower {
  let running: Promise<RegistryChanges> | undefined;
  let dirty = false;
  const flush = async (): Promise<void> => {
    if (!dirty || !options.snapshot) return;
    dirty = false;
    try {
      await writeIndexSnapshot(options.snapshot, index, versions);
    } catch (e) {
      dirty = true;
      options.log?.(`index snapshot not written to ${options.snapshot.path}: ${(e as Error).message}`);
    }
  };
  const refresh = async (): Promise<RegistryChanges> => {
    const { added, replaced, removed, update } = await syncIndex(db, config, index, versions);
    if (update.documents.length > 0 || update.removed.length > 0) options.onUpdate?.(update);
    if (added + replaced + removed > 0) dirty = true;
    else await flush();
    return { added, replaced, removed };
  };
  const timer =
    intervalMs > 0
      ? setInterval(() => {
          // One refresh at a time; a failed one (store briefly unreachable) is retried at the next tick.
          running ??= refresh().finally(() => (running = undefined));
          running.catch(() => undefined);
        }, intervalMs)
      : undefined;
  timer?.unref();
  return { refresh, flush, stop: () => clearInterval(timer) };
}
