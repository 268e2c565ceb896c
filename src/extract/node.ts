import type { Sink } from './context.js';
import type { SniffHints } from './sniff.js';

/**
 * One file at one place in the container tree, handed to a format handler.
 * Handlers add text to `sink`, record failures with `sink.fail`, and pass members to `nested`.
 */
export interface ExtractNode {
  readonly bytes: Uint8Array;
  /** Container path of this file, e.g. `report.zip/2024/予算.docx`. */
  readonly path: string;
  /** Containers above this file (0 for the input itself). */
  readonly depth: number;
  /** Sniffed or declared media type of this file. */
  readonly mediaType: string;
  readonly sink: Sink;
  /** Extracts a member of this file (an archive entry, an attachment) one level deeper. */
  nested(bytes: Uint8Array, name: string, hints?: SniffHints): Promise<void>;
  /** Joins a member name under this file's path, cutting overlong names. */
  child(name: string): string;
}

/**
 * A format reader. Throwing is fine: the dispatcher records the error against `node.path`.
 *
 * @example
 * const csvHandler: Handler = async (node) => node.sink.text(node.path, 'body', 'text/csv', decodeText(node.bytes).text);
 */
export type Handler = (node: ExtractNode) => Promise<void>;
