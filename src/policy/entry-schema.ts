import { isIP } from 'node:net';
import { z } from 'zod';
import { DestinationSet } from '../core/index.js';

/** Turns a scalar into a one-element list so `method: POST` and `method: [POST, PUT]` both work. */
export function oneOrMany<T extends z.ZodType>(item: T) {
  return z.preprocess((v) => (Array.isArray(v) ? v : v === undefined ? v : [v]), z.array(item).min(1, 'give at least one value'));
}

/** A destination entry: `example.com`, `*.example.com`, `=example.com`, an IP or a CIDR. */
export const destinationEntrySchema = z.string().superRefine((entry, ctx) => {
  try {
    DestinationSet.parse([entry]);
  } catch (e) {
    ctx.addIssue({ code: 'custom', message: `${(e as Error).message}; expected a domain (example.com, *.example.com, =example.com), an IP or a CIDR` });
  }
});

/** A client network entry: an IP address or a CIDR, IPv4 or IPv6. */
export const networkEntrySchema = z.string().superRefine((entry, ctx) => {
  const trimmed = entry.trim();
  const slash = trimmed.indexOf('/');
  const addr = slash >= 0 ? trimmed.slice(0, slash) : trimmed;
  if (isIP(addr) === 0) {
    ctx.addIssue({ code: 'custom', message: `"${entry}" is not an IP address or CIDR (e.g. 10.1.0.0/16, 2001:db8::/32)` });
    return;
  }
  try {
    DestinationSet.parse([trimmed]);
  } catch (e) {
    ctx.addIssue({ code: 'custom', message: (e as Error).message });
  }
});

const UNITS: Record<string, number> = { b: 1, kb: 1e3, mb: 1e6, gb: 1e9, kib: 1024, mib: 1024 ** 2, gib: 1024 ** 3 };

/**
 * Parses a byte size: a number, or a string such as `10 MiB`, `512KB`, `1.5 GB`.
 *
 * @example
 * parseSize('10 MiB'); // 10485760
 */
export function parseSize(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const m = /^\s*(\d+(?:\.\d+)?)\s*([kmg]i?b|b)?\s*$/i.exec(value);
  if (!m) return value;
  return Math.round(Number(m[1]) * UNITS[(m[2] ?? 'b').toLowerCase()]!);
}

/** Bytes as a number or a size string; errors say both forms. */
export const sizeSchema = z.preprocess(
  parseSize,
  z.number({ error: 'expected a byte count (10485760) or a size such as "10 MiB", "512 KB"' }).int().nonnegative(),
);
