import type { UploadSink } from './sink.js';

/** What every body splitter needs: where items go and the limits in force. */
export interface SplitContext {
  readonly sink: UploadSink;
  readonly maxParts: number;
  readonly maxDepth: number;
  readonly maxJsonDepth: number;
  readonly minBase64Bytes: number;
}

/** Raw strings shorter than this stay as items beside their decoded payload (they may be tokens, not files). */
export const KEEP_RAW_BELOW = 1024;
