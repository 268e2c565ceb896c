import type { MamoriEvent } from '../core/index.js';
import { insertEvents, type Db } from '../store/index.js';

/** How group commit went: events per commit tell whether answers waited for each other or for fsync. */
export interface CommitStats {
  readonly commits: number;
  readonly events: number;
  readonly largestBatch: number;
}

/** Durable event writes shared by all connections. */
export interface EventRecorder {
  /** Resolves once `event` is committed; rejects when the store failed. */
  record(event: MamoriEvent): Promise<void>;
  /** Waits for every queued event. */
  drain(): Promise<void>;
  /** Commits so far (a worker recorder knows them once closed). */
  stats?(): CommitStats;
}

interface Pending {
  readonly event: MamoriEvent;
  readonly resolve: () => void;
  readonly reject: (e: unknown) => void;
}

const MAX_BATCH = 500;

/**
 * Group commit: events queued while one transaction commits go together in the next one. Each
 * caller still waits for its own commit, so no answer is sent for an event that is not stored, yet a
 * busy server pays one fsync per batch instead of one per upload.
 *
 * @example
 * const recorder = createEventRecorder(store.db);
 * await recorder.record(event); // committed
 */
export function createEventRecorder(db: Db): EventRecorder & { stats(): CommitStats } {
  let queue: Pending[] = [];
  let flushing: Promise<void> | null = null;
  const counted = { commits: 0, events: 0, largestBatch: 0 };

  async function flush(): Promise<void> {
    while (queue.length > 0) {
      const batch = queue.slice(0, MAX_BATCH);
      queue = queue.slice(batch.length);
      try {
        await insertEvents(db, batch.map((p) => p.event));
        counted.commits++;
        counted.events += batch.length;
        counted.largestBatch = Math.max(counted.largestBatch, batch.length);
        for (const p of batch) p.resolve();
      } catch (e) {
        for (const p of batch) p.reject(e);
      }
    }
  }

  function start(): void {
    if (flushing) return;
    // After the current I/O phase: better-sqlite3 commits synchronously, so events decided in the
    // same turn of the event loop can only share a commit if the flush waits for that turn to end.
    flushing = new Promise<void>((resolve) => setImmediate(resolve)).then(flush).finally(() => {
      flushing = null;
      if (queue.length > 0) start();
    });
  }

  return {
    record(event) {
      return new Promise<void>((resolve, reject) => {
        queue.push({ event, resolve, reject });
        start();
      });
    },
    async drain() {
      while (flushing) await flushing;
    },
    stats: () => ({ ...counted }),
  };
}
