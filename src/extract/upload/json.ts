import type { SplitContext } from './context.js';
import { KEEP_RAW_BELOW } from './context.js';
import { decodeEmbedded } from './embedded.js';
import { childPath, siblingName } from './json-path.js';

type Frame = { value: unknown; path: string; key: string; depth: number; parent?: Record<string, unknown> };

/**
 * Splits a JSON (or JSON lines) body: every string and number, one `key: value` line each, becomes the text
 * item `upload/json`; strings holding base64 (≥ minBase64Bytes) or data: URLs become their own items named
 * by JSONPath (`upload/json/$.attachments[0].data`). The walk is iterative and stops at `maxJsonDepth`.
 * Returns false when the body is not JSON.
 *
 * @example
 * splitJson(Buffer.from('{"note":"田中","file":"data:text/plain;base64,..."}'), undefined, ctx); // true
 */
export function splitJson(body: Buffer, charset: string | undefined, ctx: SplitContext): boolean {
  let text: string;
  try {
    text = new TextDecoder(charset ?? 'utf-8').decode(body);
  } catch {
    text = new TextDecoder('utf-8').decode(body);
  }
  const docs = parseJsonOrLines(text);
  if (!docs) return false;
  const lines: string[] = [];
  let deepest = false;
  const stack: Frame[] = docs.map((value, i) => ({ value, path: docs.length > 1 ? `$[${i}]` : '$', key: '', depth: 0 })).reverse();
  while (stack.length > 0 && !ctx.sink.full) {
    const { value, path, key, depth, parent } = stack.pop()!;
    if (typeof value === 'string') {
      const embedded = value.length >= 16 ? decodeEmbedded(value, ctx.minBase64Bytes) : undefined;
      if (!embedded || value.length < KEEP_RAW_BELOW) lines.push(key ? `${key}: ${value}` : value);
      if (embedded) {
        const name = parent ? siblingName(parent) : undefined;
        ctx.sink.add({ path: `upload/json/${path}`, ...(name ? { name } : {}), ...(embedded.mediaType ? { mediaType: embedded.mediaType } : {}), bytes: embedded.bytes });
      }
    } else if (typeof value === 'number') {
      lines.push(key ? `${key}: ${String(value)}` : String(value));
    } else if (value !== null && typeof value === 'object') {
      // Keys can be data too ({"山田太郎": {...}}): a container's key gets its own line.
      if (parent && key) lines.push(`${key}:`);
      if (depth >= ctx.maxJsonDepth) {
        deepest = true;
        continue;
      }
      if (Array.isArray(value)) {
        for (let i = value.length - 1; i >= 0; i--) stack.push({ value: value[i], path: childPath(path, i), key, depth: depth + 1 });
      } else {
        const obj = value as Record<string, unknown>;
        const keys = Object.keys(obj);
        for (let i = keys.length - 1; i >= 0; i--) stack.push({ value: obj[keys[i]!], path: childPath(path, keys[i]!), key: keys[i]!, depth: depth + 1, parent: obj });
      }
    }
  }
  if (deepest) ctx.sink.error('upload/json', 'ERR_LIMIT', `JSON nested deeper than ${ctx.maxJsonDepth}; deeper values were not inspected`, true);
  if (lines.length > 0) ctx.sink.add({ path: 'upload/json', mediaType: 'text/plain; charset=utf-8', bytes: Buffer.from(lines.join('\n'), 'utf8') }, true);
  return true;
}

/** One JSON document, or JSON lines (NDJSON) when every non-empty line parses; undefined otherwise. */
function parseJsonOrLines(text: string): unknown[] | undefined {
  const t = text.replace(/^\uFEFF/, '');
  try {
    return [JSON.parse(t)];
  } catch {}
  if (!t.includes('\n')) return undefined;
  const docs: unknown[] = [];
  for (const line of t.split('\n')) {
    const l = line.replace(/^\u001e/, '').trim();
    if (l === '') continue;
    try {
      docs.push(JSON.parse(l));
    } catch {
      return undefined;
    }
  }
  return docs.length > 0 ? docs : undefined;
}
