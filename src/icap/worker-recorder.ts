import { MamoriError, type MamoriEvent } from '../core/index.js';
import type { StoreConfig } from '../store/index.js';
import type { CommitStats, EventRecorder } from './recorder.js';
import { startWorker } from './worker-module.js';

type Reply = { ready: true } | { closed: true; stats: CommitStats } | { first: number; count: number; failed: { offset: number; error: string }[] };

/**
 * An EventRecorder whose SQLite commits (synchronous, with fsync) run on a worker thread: the ICAP
 * event loop keeps serving while a batch is made durable, and batches grow with load. Each
 * `record` still resolves only after its event is committed. One batch is with the worker at a time: events
 * recorded while it commits (they could not be committed before it ends anyway) cross together in the next
 * message and come back in one reply. A message per event cost about a tenth of the event loop at a few
 * thousand small uploads per second.
 *
 * @example
 * const recorder = await createWorkerRecorder({ kind: 'sqlite', path: '.mamori/mamori.db' });
 * await recorder.record(event);
 * await recorder.close();
 */
export async function createWorkerRecorder(config: Extract<StoreConfig, { kind: 'sqlite' }>): Promise<EventRecorder & { close(): Promise<void>; stats(): CommitStats }> {
  const worker = startWorker('recorder-worker', config);
  const pending = new Map<number, { resolve: () => void; reject: (e: unknown) => void }>();
  let seq = 0;
  let outgoing: MamoriEvent[] = [];
  let firstOutgoing = 1;
  let batchWithWorker = false;
  let failure: Error | null = null;
  let onClosed: (() => void) | null = null;
  let stats: CommitStats = { commits: 0, events: 0, largestBatch: 0 };
  const failAll = (e: Error) => {
    failure = e;
    for (const p of pending.values()) p.reject(e);
    pending.clear();
  };
  await new Promise<void>((resolve, reject) => {
    worker.once('error', reject);
    worker.once('message', () => {
      worker.off('error', reject);
      resolve();
    });
  });
  worker.on('message', (msg: Reply) => {
    if ('closed' in msg) {
      stats = msg.stats;
      return onClosed?.();
    }
    if (!('first' in msg)) return;
    batchWithWorker = false;
    send();
    const errors = new Map(msg.failed.map((f) => [msg.first + f.offset, f.error]));
    for (let n = msg.first; n < msg.first + msg.count; n++) {
      const p = pending.get(n);
      pending.delete(n);
      const error = errors.get(n);
      if (error !== undefined) p?.reject(new MamoriError('ERR_STORE', error));
      else p?.resolve();
    }
  });
  const send = () => {
    if (outgoing.length === 0 || batchWithWorker) return;
    worker.postMessage({ first: firstOutgoing, events: outgoing });
    outgoing = [];
    batchWithWorker = true;
  };
  worker.on('error', (e) => failAll(new MamoriError('ERR_STORE', `event writer failed: ${e.message}`)));
  worker.on('exit', () => failAll(new MamoriError('ERR_STORE', 'event writer stopped')));
  return {
    record(event) {
      if (failure) return Promise.reject(failure);
      return new Promise<void>((resolve, reject) => {
        const n = ++seq;
        pending.set(n, { resolve, reject });
        if (outgoing.length === 0) {
          firstOutgoing = n;
          setImmediate(send);
        }
        outgoing.push(event);
      });
    },
    async drain() {
      while (pending.size > 0 && !failure) await new Promise((r) => setTimeout(r, 5));
    },
    stats: () => stats,
    async close() {
      if (failure) return;
      const closed = new Promise<void>((r) => (onClosed = r));
      while (pending.size > 0 && !failure) await new Promise((r) => setTimeout(r, 5));
      if (failure) return;
      worker.postMessage('close');
      await closed;
      await worker.terminate();
    },
  };
}
