import type { DocMatch, TextPart } from '../core/index.js';

export { fingerprintConfigSchema, type FingerprintConfig } from './config.js';

/**
 * Looks registered documents up in extracted text. Pure and in memory: no database access on the hot path.
 */
export interface DocumentLookup {
  lookup(parts: readonly TextPart[]): DocMatch[];
}
