// The real inspection worker, except that a body starting with CRASH makes the thread die at once
// (an uncaught exception, as a bug in a reader would): for the pool's crash-recovery tests.
import { parentPort } from 'node:worker_threads';
import type { InspectWorkerMessage } from '../inspect-protocol.js';

parentPort!.on('message', (msg: InspectWorkerMessage) => {
  if ((msg.kind === 'inspect' || msg.kind === 'inspect-share') && Buffer.from(msg.content.subarray(0, 5)).toString('latin1') === 'CRASH') {
    throw new Error('injected crash while inspecting');
  }
});
await import('../inspect-worker.js');
