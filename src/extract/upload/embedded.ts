import { percentDecode } from './names.js';

/** A payload found inside a string value. */
export interface Embedded {
  readonly kind: 'base64' | 'data-url';
  readonly bytes: Buffer;
  readonly mediaType?: string;
}

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
const BASE64URL = /^[A-Za-z0-9_-]+={0,2}$/;

/**
 * Decodes a `data:` URL or a base64 string of at least `minBytes` bytes; anything else is undefined.
 * Plain words, hex digests and identifiers are not base64 payloads: a payload mixes upper case,
 * lower case and digits (or symbols) the way encoded binary does.
 *
 * @example
 * decodeEmbedded('data:application/pdf;base64,JVBERi0x...')?.mediaType; // 'application/pdf'
 */
export function decodeEmbedded(value: string, minBytes: number): Embedded | undefined {
  if (value.length < 5) return undefined;
  if (/^data:/i.test(value)) return decodeDataUrl(value);
  const minChars = Math.ceil(minBytes / 3) * 4 - 2;
  if (value.length < minChars) return undefined;
  const compact = /\s/.test(value) ? value.replace(/\s+/g, '') : value;
  if (compact.length < minChars || compact.length % 4 === 1) return undefined;
  if (!BASE64.test(compact) && !BASE64URL.test(compact)) return undefined;
  if (!/[A-Z]/.test(compact) || !/[a-z]/.test(compact) || !/[0-9+/_=-]/.test(compact)) return undefined;
  if (/^[0-9a-fA-F]+$/.test(compact)) return undefined;
  const bytes = Buffer.from(compact, 'base64');
  return bytes.length >= minBytes ? { kind: 'base64', bytes } : undefined;
}

function decodeDataUrl(value: string): Embedded | undefined {
  const comma = value.indexOf(',');
  if (comma < 0 || comma > 512) return undefined;
  const meta = value.slice(5, comma).split(';').map((s) => s.trim());
  const isBase64 = meta.at(-1)?.toLowerCase() === 'base64';
  const mediaType = (meta[0] || 'text/plain').toLowerCase();
  const data = value.slice(comma + 1);
  const bytes = isBase64 ? Buffer.from(data.replace(/\s+/g, ''), 'base64') : percentDecode(data, false);
  // A data: URL is a deliberate payload, so it counts even when shorter than minBytes.
  if (bytes.length === 0) return undefined;
  return { kind: 'data-url', bytes, mediaType };
}
