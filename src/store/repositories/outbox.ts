import { randomBytes } from 'node:crypto';
import type { Db } from '../database.js';
import type { OutboxTable } from '../tables/incidents.js';
import { chunks } from './upsert.js';

export type OutboxStatus = 'pending' | 'delivered' | 'dead';

/** A message waiting for (or done with) delivery to one sink (`syslog`, `webhook`). */
export interface OutboxMessage {
  readonly id: string;
  readonly sink: string;
  readonly payload: string;
  readonly status: OutboxStatus;
  readonly attempts: number;
  readonly createdAt: string;
  readonly nextAttemptAt: string;
  readonly lastError: string | null;
  readonly deliveredAt: string | null;
}

function fromRow(r: OutboxTable): OutboxMessage {
  return {
    id: r.id,
    sink: r.sink,
    payload: r.payload,
    status: r.status as OutboxStatus,
    attempts: Number(r.attempts),
    createdAt: r.created_at,
    nextAttemptAt: r.next_attempt_at,
    lastError: r.last_error,
    deliveredAt: r.delivered_at,
  };
}

// Ids sort by enqueue time, then by a per-process sequence, so one process's messages keep their order.
let sequence = 0;

/**
 * Queues payloads for a sink; they survive restarts until delivered. Ids sort in enqueue order.
 *
 * @example
 * await enqueueOutbox(store.db, 'webhook', [JSON.stringify(notice)]);
 */
export async function enqueueOutbox(db: Db, sink: string, payloads: readonly string[], now = new Date()): Promise<string[]> {
  const t = now.toISOString();
  const rows: OutboxTable[] = payloads.map((payload) => ({
    id: `out_${String(now.getTime()).padStart(15, '0')}_${String(sequence++).padStart(10, '0')}_${randomBytes(4).toString('hex')}`,
    sink,
    payload,
    status: 'pending',
    attempts: 0,
    created_at: t,
    next_attempt_at: t,
    last_error: null,
    delivered_at: null,
  }));
  for (const part of chunks(rows, 500)) await db.insertInto('outbox').values(part).execute();
  return rows.map((r) => r.id);
}

/**
 * Pending messages of a sink, oldest first. Delivery keeps the sink's order, so the first message not yet
 * due holds back the ones after it.
 *
 * @example
 * const batch = await pendingOutbox(store.db, 'syslog', 100);
 */
export async function pendingOutbox(db: Db, sink: string, limit: number): Promise<OutboxMessage[]> {
  const rows = await db.selectFrom('outbox').selectAll().where('sink', '=', sink).where('status', '=', 'pending').orderBy('id').limit(limit).execute();
  return rows.map(fromRow);
}

/**
 * Marks messages delivered.
 *
 * @example
 * await markOutboxDelivered(store.db, ids);
 */
export async function markOutboxDelivered(db: Db, ids: readonly string[], now = new Date()): Promise<void> {
  for (const part of chunks(ids, 900)) {
    await db.updateTable('outbox').set({ status: 'delivered', delivered_at: now.toISOString(), last_error: null }).where('id', 'in', part).execute();
  }
}

/**
 * Records a failed attempt; the message is retried at `nextAttemptAt`, or given up (`dead`) when `dead` is set.
 *
 * @example
 * await markOutboxFailed(store.db, ids, { error: 'ECONNREFUSED', nextAttemptAt, dead: false });
 */
export async function markOutboxFailed(db: Db, ids: readonly string[], failure: { error: string; nextAttemptAt: Date; dead: boolean }): Promise<void> {
  for (const part of chunks(ids, 900)) {
    await db
      .updateTable('outbox')
      .set((eb) => ({
        attempts: eb('attempts', '+', 1),
        last_error: failure.error.slice(0, 500),
        next_attempt_at: failure.nextAttemptAt.toISOString(),
        status: failure.dead ? 'dead' : 'pending',
      }))
      .where('id', 'in', part)
      .execute();
  }
}

/**
 * Outbox messages by status, oldest first.
 *
 * @example
 * const dead = await listOutbox(store.db, { status: 'dead' });
 */
export async function listOutbox(db: Db, filter: { status?: OutboxStatus; sink?: string; limit?: number } = {}): Promise<OutboxMessage[]> {
  let q = db.selectFrom('outbox').selectAll();
  if (filter.status !== undefined) q = q.where('status', '=', filter.status);
  if (filter.sink !== undefined) q = q.where('sink', '=', filter.sink);
  const rows = await q.orderBy('id').limit(filter.limit ?? 1000).execute();
  return rows.map(fromRow);
}
