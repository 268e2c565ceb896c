import type { Db, DialectName } from '../database.js';
import { committedEventsAfter } from '../repositories/commit-order.js';

/**
 * Waits (bounded) until every stored event can be read in commit order. On PostgreSQL that order holds back
 * rows while any older transaction on the server is still open, and other test files share the server, so a
 * test that reads right after inserting could otherwise see fewer rows than it wrote.
 *
 * @example
 * await insertEvents(store.db, events);
 * await untilCommittedVisible(store.db, store.dialect);
 */
export async function untilCommittedVisible(db: Db, dialect: DialectName, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const row = await db.selectFrom('events').select((eb) => eb.fn.countAll<string | number>().as('n')).executeTakeFirstOrThrow();
    const stored = Number(row.n);
    const visible = (await committedEventsAfter(db, dialect, '', stored)).length;
    if (visible >= stored) return;
    if (Date.now() > deadline) throw new Error(`only ${visible} of ${stored} stored events readable in commit order after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
