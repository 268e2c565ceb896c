import { createHash } from 'node:crypto';

/** The namespace STIX 2.1 fixes for deterministic SCO ids (section 2.9). */
export const STIX_SCO_NAMESPACE = '00abedb4-aa42-466c-9c01-fed23315a9b7';
/** mamori's own namespace for deterministic SDO ids (the same incident exported twice keeps its ids). */
export const MAMORI_NAMESPACE = '5f0c4a2e-9d7b-5e1a-8c3f-6b2d7e9a1c40';

/**
 * RFC 4122 version 5 UUID (SHA-1 of namespace + name).
 *
 * @example
 * uuidv5('{"value":"203.0.113.9"}', STIX_SCO_NAMESPACE);
 */
export function uuidv5(name: string, namespace: string): string {
  const ns = Buffer.from(namespace.replace(/-/g, ''), 'hex');
  const hash = createHash('sha1').update(ns).update(Buffer.from(name, 'utf8')).digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const h = hash.subarray(0, 16).toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

/** JSON with object keys sorted at every level (RFC 8785 for the plain strings and objects ids are made of). */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * A deterministic SCO id from its id-contributing properties.
 *
 * @example
 * scoId('ipv4-addr', { value: '203.0.113.9' }); // 'ipv4-addr--…'
 */
export function scoId(type: string, contributing: Record<string, unknown>): string {
  return `${type}--${uuidv5(canonicalJson(contributing), STIX_SCO_NAMESPACE)}`;
}

/**
 * A deterministic SDO/SRO id from a name unique to what it describes.
 *
 * @example
 * sdoId('incident', 'inc_01…');
 */
export function sdoId(type: string, name: string): string {
  return `${type}--${uuidv5(`${type}:${name}`, MAMORI_NAMESPACE)}`;
}

/** An ISO time as STIX wants it: UTC with milliseconds. */
export function stixTime(t: string): string {
  const ms = Date.parse(t);
  return Number.isNaN(ms) ? new Date(0).toISOString() : new Date(ms).toISOString();
}
