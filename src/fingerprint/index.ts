import type { DocMatch, TextPart } from '../core/index.js';

export { fingerprintConfigSchema, type FingerprintConfig } from './config.js';
export { normalise, normaliseCodes, type Normalised, type NormalisedCodes } from './normalise.js';
export { winnow, K, W, GUARANTEE, SCHEME, type Winnowed } from './winnow.js';
export { fingerprintText, encodeFingerprints, decodeFingerprints, tooShort, type DocumentFingerprints } from './document.js';
export { DocumentIndex, type IndexedDocument, type DocumentIndexOptions, type IndexStats, type IndexSnapshot, type SnapshotDocument } from './document-index.js';
export { encodeIndexSnapshot, decodeIndexSnapshot, type TaggedSnapshot } from './snapshot.js';

/**
 * Looks registered documents up in extracted text. Pure and in memory: no database access on the hot path.
 */
export interface DocumentLookup {
  lookup(parts: readonly TextPart[]): DocMatch[];
}
