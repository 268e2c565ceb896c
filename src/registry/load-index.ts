import { readFile } from 'node:fs/promises';
import type { MamoriConfig } from '../config/index.js';
import { extract } from '../extract/index.js';
import { DocumentIndex, SCHEME, decodeFingerprints, fingerprintText } from '../fingerprint/index.js';
import { loadStoredDocuments, type Db } from '../store/index.js';
import { documentText } from './document-text.js';

/** The index and what start-up left out. */
export interface LoadedIndex {
  readonly index: DocumentIndex;
  /** Documents fingerprinted under another scheme: register them again. */
  readonly stale: string[];
  /** Allow-corpus files that could not be read. */
  readonly allowErrors: string[];
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
  const stale: string[] = [];
  for await (const page of loadStoredDocuments(db, { org: config.org })) {
    for (const d of page) {
      if (d.scheme !== SCHEME) {
        stale.push(d.path);
        continue;
      }
      const { hashes, positions } = decodeFingerprints(d.fingerprints);
      const fingerprints = { chars: d.chars, hashes, positions, distinct: d.fingerprintCount, checks: new Uint8Array(d.checks) };
      index.add({ docId: d.id, path: d.path, label: d.label, fingerprints }, true);
    }
  }
  index.compact();
  return { index, stale, allowErrors };
}
