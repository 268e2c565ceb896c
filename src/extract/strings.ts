import type { Handler } from './node.js';

const CHUNK = 8 * 1024 * 1024;
/** Runs shorter than this are noise in binary data. */
const MIN_RUN = 6;
const ASCII_RUN = new RegExp(`[\\x20-\\x7e\\t]{${MIN_RUN},}`, 'g');
// UTF-16 runs of ASCII, kana, CJK and full-width forms: how legacy Office and many Windows tools store text.
const WIDE_RUN = new RegExp(`[\\x20-\\x7e\\t\\u3000-\\u30ff\\u3400-\\u4dbf\\u4e00-\\u9fff\\uff00-\\uffef]{${MIN_RUN / 2},}`, 'g');

/**
 * Printable strings of an unknown binary (ASCII and UTF-16LE runs), as `strings(1)` would show them.
 *
 * @example
 * printableStrings(bytes); // 'SECRET-PROJECT\n社外秘資料'
 */
export function printableStrings(bytes: Uint8Array): string {
  const out: string[] = [];
  // Chunks keep the decoded copies small whatever the input size; a run split at a chunk edge is kept in two halves.
  for (let start = 0; start < bytes.length; start += CHUNK) {
    const chunk = bytes.subarray(start, Math.min(bytes.length, start + CHUNK));
    for (const m of new TextDecoder('latin1').decode(chunk).matchAll(ASCII_RUN)) out.push(m[0]);
    for (const offset of [0, 1]) {
      const slice = chunk.subarray(offset, offset + ((chunk.length - offset) & ~1));
      for (const m of new TextDecoder('utf-16le').decode(slice).matchAll(WIDE_RUN)) if (asciiUnits(m[0]) >= 2) out.push(m[0]);
    }
  }
  return out.join('\n');
}

/**
 * Single-byte text read as UTF-16 also looks like CJK; real UTF-16 strings nearly always carry some
 * ASCII (digits, spaces, punctuation), i.e. a zero high byte, so a run needs a few of those.
 */
function asciiUnits(run: string): number {
  let n = 0;
  for (let i = 0; i < run.length; i++) if (run.charCodeAt(i) < 0x80) n++;
  return n;
}

/**
 * Unknown binary: its printable strings, so a marking or a key in an odd file is still seen.
 *
 * @example
 * await binaryHandler(node);
 */
export const binaryHandler: Handler = async (node) => {
  node.sink.text(node.path, 'body', node.mediaType, printableStrings(node.bytes));
};
