import type { MamoriConfig } from '../config/index.js';
import { SCHEME, type DocumentIndex } from '../fingerprint/index.js';
import { listDocuments, loadStoredDocumentsById, type Db, type StoredDocument } from '../store/index.js';
import { indexedDocument } from './load-index.js';

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
  stop(): void;
}

/**
 * Keeps a long-running service's index current while `mamori register` / `unregister` run elsewhere:
 * every `intervalMs` it lists the documents (ids and registration times only, no blobs), loads the
 * fingerprints of new or re-registered ones and drops removed ones. Lookups go on meanwhile.
 *
 * @example
 * const { index, versions } = await loadDocumentIndex(store.db, config);
 * const follower = followRegistry(store.db, config, index, versions, 10_000, (u) => pool.updateRegistry(u));
 */
export function followRegistry(
  db: Db,
  config: MamoriConfig,
  index: DocumentIndex,
  versions: Map<string, string>,
  intervalMs = 0,
  onUpdate?: (update: RegistryUpdate) => void,
): RegistryFollower {
  let running: Promise<RegistryChanges> | undefined;
  const refresh = async (): Promise<RegistryChanges> => {
    const listed = await listDocuments(db, { org: config.org });
    const seen = new Set<string>();
    const changed: string[] = [];
    const dropped: string[] = [];
    let added = 0;
    let replaced = 0;
    for (const d of listed) {
      seen.add(d.id);
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
    const loaded = await loadStoredDocumentsById(db, changed);
    for (const d of loaded) index.add(indexedDocument(d));
    // Told after the index changed and before this refresh resolves: copies change with it.
    if (onUpdate && (loaded.length > 0 || dropped.length > 0)) onUpdate({ documents: loaded, removed: dropped });
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
  return { refresh, stop: () => clearInterval(timer) };
}
