/**
 * Tables of the event bus: the forwarder's durable cursors (one per stream it feeds). Conventions as in `core.ts`.
 * On PostgreSQL `events` also has `bus_xid` (the inserting transaction), read only through the commit-order repository.
 */
export interface BusCursorsTable {
  name: string;
  /** Opaque position in commit order (`commit-order` repository); '' is the start. */
  position: string;
  forwarded: number;
  updated_at: string;
  last_error: string | null;
}

export interface BusTables {
  bus_cursors: BusCursorsTable;
}
