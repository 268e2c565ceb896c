// Worker thread that owns a SQLite connection for event writes, so fsync never blocks the ICAP event loop.
import { parentPort, workerData } from 'node:worker_threads';
import type { MamoriEvent } from '../core/index.js';
import { openStore, type StoreConfig } from '../store/index.js';
import { createEventRecorder } from './recorder.js';

interface Request {
  readonly seq: number;
  readonly event: MamoriEvent;
}

const store = await openStore(workerData as StoreConfig);
const recorder = createEventRecorder(store.db);
const port = parentPort!;
port.on('message', (msg: Request | 'close') => {
  if (msg === 'close') {
    void recorder
      .drain()
      .then(() => store.close())
      .then(() => port.postMessage({ closed: true, stats: recorder.stats() }));
    return;
  }
  recorder.record(msg.event).then(
    () => port.postMessage({ seq: msg.seq }),
    (e: unknown) => port.postMessage({ seq: msg.seq, error: (e as Error).message }),
  );
});
port.postMessage({ ready: true });
