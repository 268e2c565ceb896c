import { z } from 'zod';

/** `limit` and `offset` query parameters shared by every listing. */
export const pageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50).describe('Items per page (1–500).'),
  offset: z.coerce.number().int().min(0).max(10_000_000).default(0).describe('Items to skip.'),
});

/**
 * The envelope of a listing: the items, and where the next page starts (null on the last page).
 *
 * @example
 * const response = pageOf(eventSchema);
 */
export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), limit: z.number().int(), offset: z.number().int(), nextOffset: z.number().int().nullable() });
}

/**
 * Cuts a result fetched with `limit + 1` rows into a page: the extra row only tells that more exist.
 *
 * @example
 * const rows = await listEvents(db, { limit: q.limit + 1, offset: q.offset });
 * return page(rows, q);
 */
export function page<T>(rows: readonly T[], q: { limit: number; offset: number }): { items: T[]; limit: number; offset: number; nextOffset: number | null } {
  const more = rows.length > q.limit;
  return { items: rows.slice(0, q.limit), limit: q.limit, offset: q.offset, nextOffset: more ? q.offset + q.limit : null };
}

/** An ISO-8601 time in a query (`2026-11-01` or `2026-11-01T10:00:00Z`), normalised to UTC. */
export const isoTime = z
  .string()
  .refine((s) => /^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(s) && !Number.isNaN(Date.parse(s)), 'expected an ISO 8601 date or time')
  .transform((s) => new Date(s).toISOString());

/** An organisation name as used in URLs and bodies. */
export const orgName = z.string().min(1).max(64).regex(/^[a-z0-9][a-z0-9_.-]*$/, 'lowercase letters, digits, ".", "_" and "-"');
