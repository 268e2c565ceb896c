// Worker thread that owns a SQLite connection for event writes, so fsync never blocks the ICAP event loop.
import { parentPort, workerData } from 'node:worker_threads';
import type { MamoriEvent } from '../core/index.js';
import { openStore, type StoreConfig } from '../store/index.js';
import { createEventRecorder } from './recorder.js';

/** Events numbered `first`, `first + 1`, … in the order given. */
interface Batch {
  readonly first: number;
  readonly events: readonly MamoriEvent[];
}

const store = await openStore(workerData as StoreConfig);
const recorder = createEventRecorder(store.db);
const port = parentPort!;
port.on('message', (msg: Batch | 'close') => {
  if (msg === 'close') {
    void recorder
      .drain()
      .then(() => store.close())
      .then(() => port.postMessage({ closed: true, stats: recorder.stats() }));
    return;
  }
  // One reply per batch, naming any event whose commit failed (a batch may span commits).
  void Promise.allSettled(msg.events.map((e) => recorder.record(e))).then((results) => {
    const failed = results.flatMap((r, i) => (r.status === 'rejected' ? [{ offset: i, error: (r.reason as Error).message }] : []));
    port.postMessage({ first: msg.first, count: msg.events.length, failed });
  });
});
port.postMessage({ ready: true });
