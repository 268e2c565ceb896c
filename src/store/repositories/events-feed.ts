import type { MamoriEvent } from '../../core/index.js';
import type { Db } from '../database.js';
import { fromRow } from './events.js';

/** A position in the event stream: events sort by (time, id). */
export interface EventCursor {
  readonly time: string;
  readonly id: string;
}

/**
 * Events after `cursor` in (time, id) order, oldest first: the incremental feed the correlator reads.
 *
 * @example
 * let cursor; for (;;) { const page = await eventsAfter(store.db, cursor, 5000); if (!page.length) break; cursor = page.at(-1); }
 */
export async function eventsAfter(db: Db, cursor: EventCursor | undefined, limit: number): Promise<MamoriEvent[]> {
  let q = db.selectFrom('events').selectAll();
  // A row-value comparison lets both SQLite and PostgreSQL walk the (time, id) index from the cursor.
  if (cursor) q = q.where((eb) => eb(eb.refTuple('time', 'id'), '>', eb.tuple(cursor.time, cursor.id)));
  const rows = await q.orderBy('time').orderBy('id').limit(limit).execute();
  return rows.map(fromRow);
}
