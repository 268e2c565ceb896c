import type { TextPart } from '../core/index.js';

/**
 * The text a registered document is fingerprinted from: its body parts (or every part when it has no body
 * text, e.g. a spreadsheet read as metadata), one after another.
 *
 * @example
 * fingerprintText(documentText(extraction.parts));
 */
export function documentText(parts: readonly TextPart[]): string {
  const body = parts.filter((p) => p.kind === 'body');
  return (body.length > 0 ? body : parts).map((p) => p.text).join('\n');
}
