import type { Db } from '../database.js';

/** Where a forwarder stands: the last event it handed on, how many in all, its last failure. */
export interface BusCursor {
  readonly name: string;
  /** Opaque position in commit order (`commit-order` repository); '' before the first event. */
  readonly position: string;
  readonly forwarded: number;
  readonly updatedAt: string;
  readonly lastError: string | null;
}

/**
 * The forwarder's cursor, or undefined before its first save.
 *
 * @example
 * const cursor = await getBusCursor(store.db, 'events:MAMORI');
 */
export async function getBusCursor(db: Db, name: string): Promise<BusCursor | undefined> {
  const r = await db.selectFrom('bus_cursors').selectAll().where('name', '=', name).executeTakeFirst();
  return r ? { name: r.name, position: r.position, forwarded: Number(r.forwarded), updatedAt: r.updated_at, lastError: r.last_error } : undefined;
}

/** Every forwarder cursor of this store, by name. */
export async function listBusCursors(db: Db): Promise<BusCursor[]> {
  const rows = await db.selectFrom('bus_cursors').selectAll().orderBy('name').execute();
  return rows.map((r) => ({ name: r.name, position: r.position, forwarded: Number(r.forwarded), updatedAt: r.updated_at, lastError: r.last_error }));
}

/**
 * Moves the cursor to `position` after `count` more events were handed on (clears the last error), or only
 * records a failure when `error` is given.
 *
 * @example
 * await saveBusCursor(store.db, 'events:MAMORI', { position: page.at(-1).position, count: page.length });
 */
export async function saveBusCursor(db: Db, name: string, change: { position?: string; count?: number; error?: string | null }, now = new Date()): Promise<void> {
  const t = now.toISOString();
  const error = change.error === undefined ? null : change.error === null ? null : change.error.slice(0, 500);
  await db
    .insertInto('bus_cursors')
    .values({ name, position: change.position ?? '', forwarded: change.count ?? 0, updated_at: t, last_error: error })
    .onConflict((oc) =>
      oc.column('name').doUpdateSet((eb) => ({
        ...(change.position !== undefined ? { position: change.position } : {}),
        forwarded: eb('bus_cursors.forwarded', '+', change.count ?? 0),
        updated_at: t,
        last_error: error,
      })),
    )
    .execute();
}
