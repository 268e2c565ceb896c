import { readFile } from 'node:fs/promises';
import type { MamoriConfig } from '../config/index.js';
import { extract } from '../extract/index.js';
import { DocumentIndex, SCHEME, decodeFingerprints, fingerprintText, type IndexedDocument } from '../fingerprint/index.js';
import { loadStoredDocuments, registrySize, type Db, type StoredDocument } from '../store/index.js';
import { documentText } from './document-text.js';

/** The index and what start-up left out. */
export interface LoadedIndex {
  readonly index: DocumentIndex;
  /** Documents fingerprinted under another scheme: register them again. */
  readonly stale: string[];
  /** Allow-corpus files that could not be read. */
  readonly allowErrors: string[];
  /** Registration time of every document loaded, by id: what `followRegistry` compares against. */
  readonly versions: Map<string, string>;
}

/** A stored document as the index takes it. */
export function indexedDocument(d: StoredDocument): IndexedDocument {
  const { hashes, positions } = decodeFingerprints(d.fingerprints);
  return { docId: d.id, path: d.path, label: d.label, fingerprints: { chars: d.chars, hashes, positions, distinct: d.fingerprintCount, checks: new Uint8Array(d.checks) } };
}

/**
 * Builds the in-memory document index from the store (one pass over the stored blobs, one sort) and the
 * configured allow-corpus. Inspect, scan and the ICAP server call this once at start-up.
 *
 * @example
 * const { index } = await loadDocumentIndex(store.db, config);
 * createInspector({ config, taxonomy, documents: index });
 */
export async function loadDocumentIndex(db: Db, config: MamoriConfig): Promise<LoadedIndex> {
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
  const index = new DocumentIndex({ boilerplateDocs: config.fingerprint.boilerplateDocs, allowHashes });
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
  return { index, stale, allowErrors, versions };
}
