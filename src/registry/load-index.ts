import { readFile } from 'node:fs/promises';
import type { MamoriConfig } from '../config/index.js';
import { extract } from '../extract/index.js';
import { DocumentIndex, SCHEME, decodeFingerprints, fingerprintText, type IndexedDocument } from '../fingerprint/index.js';
import { loadStoredDocuments, registrySize, type Db, type StoredDocument } from '../store/index.js';
import { documentText } from './document-text.js';
import { syncIndex } from './follow.js';
import { readIndexSnapshot, writeIndexSnapshot, type SnapshotTarget } from './snapshot-file.js';

/** The index and what start-up left out. */
export interface LoadedIndex {
  readonly index: DocumentIndex;
  /** Documents fingerprinted under another scheme: register them again. */
  readonly stale: string[];
  /** Allow-corpus files that could not be read. */
  readonly allowErrors: string[];
  /** Registration time of every document loaded, by id: what `followRegistry` compares against. */
  readonly versions: Map<string, string>;
  /** Where the index came from: a snapshot file (plus the store's changes since) or the store alone. */
  readonly source: 'snapshot' | 'store';
  /** Documents added, replaced or removed on top of the snapshot. */
  readonly changes: number;
}

/** A stored document as the index takes it. */
export function indexedDocument(d: StoredDocument): IndexedDocument {
  const { hashes, positions } = decodeFingerprints(d.fingerprints);
  return { docId: d.id, path: d.path, label: d.label, fingerprints: { chars: d.chars, hashes, positions, distinct: d.fingerprintCount, checks: new Uint8Array(d.checks) } };
}

/** How `loadDocumentIndex` uses a snapshot file. */
export interface LoadIndexOptions {
  /** Read the index from this snapshot (then apply the store's changes since), and write it back. */
  readonly snapshot?: SnapshotTarget;
  /** Warnings: a snapshot that could not be used or written. Default: standard error. */
  readonly log?: (message: string) => void;
}

/**
 * Builds the in-memory document index and the configured allow-corpus. With a snapshot target it reads the
 * snapshot file (one read, no sort) and applies only what the store changed since; a missing, damaged or
 * foreign snapshot is logged and the index rebuilt from the store (one pass over the stored blobs, one
 * sort), and the snapshot rewritten. The store stays the truth: the snapshot is a cache any process may
 * rewrite. Inspect, scan and the ICAP server call this once at start-up.
 *
 * @example
 * const { index } = await loadDocumentIndex(store.db, config, { snapshot: snapshotTarget(dataDir, storeConfig, config.org) });
 * createInspector({ config, taxonomy, documents: index });
 */
export async function loadDocumentIndex(db: Db, config: MamoriConfig, options: LoadIndexOptions = {}): Promise<LoadedIndex> {
  const log = options.log ?? ((m: string) => process.stderr.write(`mamori: ${m}\n`));
  const allowErrors: string[] = [];
  const allowHashes: number[] = [];
  for (const path of config.fingerprint.allowCorpus) {
    try {
      const bytes = await readFile(path);
      const x = await extract(bytes, { name: path, limits: config.extract });
      for (const h of fingerprintText(documentText(x.parts)).hashes) allowHashes.push(h);
    } catch (e) {
      allowErrors.push(`${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
  }
  const indexOptions = { boilerplateDocs: config.fingerprint.boilerplateDocs, allowHashes };
  const target = options.snapshot;
  if (target) {
    let read: { index: DocumentIndex; versions: Map<string, string> } | undefined;
    try {
      read = await readIndexSnapshot(target, indexOptions);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') log(`index snapshot ${target.path} not used (${(e as Error).message}); rebuilding it from the store`);
    }
    if (read) {
      const { index, versions } = read;
      const changes = await syncIndex(db, config, index, versions);
      const changed = changes.added + changes.replaced + changes.removed;
      // Many changes since the snapshot: rewrite it so the next start-up need not fetch them again (documents
      // of an older scheme are never in it and do not count).
      const work = changes.loaded + changes.removed;
      if (work > 0 && work * 64 >= versions.size) await writeSnapshot(target, index, versions, log);
      return { index, stale: changes.stale, allowErrors, versions, source: 'snapshot', changes: changed };
    }
  }
  const index = new DocumentIndex(indexOptions);
  index.reserve((await registrySize(db, config.org)).entries);
  const stale: string[] = [];
  const versions = new Map<string, string>();
  for await (const page of loadStoredDocuments(db, { org: config.org })) {
    for (const d of page) {
      versions.set(d.id, d.registeredAt);
      if (d.scheme !== SCHEME) {
        stale.push(d.path);
        continue;
      }
      index.add(indexedDocument(d), true);
    }
  }
  index.compact();
  if (target) await writeSnapshot(target, index, versions, log);
  return { index, stale, allowErrors, versions, source: 'store', changes: 0 };
}

async function writeSnapshot(target: SnapshotTarget, index: DocumentIndex, versions: Map<string, string>, log: (m: string) => void): Promise<void> {
  try {
    await writeIndexSnapshot(target, index, versions);
  } catch (e) {
    log(`index snapshot not written to ${target.path}: ${(e as Error).message}`);
  }
}
