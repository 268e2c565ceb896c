import type { Worker } from 'node:worker_threads';
import type { MamoriConfig } from '../config/index.js';
import { MamoriError, type InspectContext, type Inspection } from '../core/index.js';
import type { Inspector } from '../inspect.js';
import type { StoreConfig } from '../store/index.js';
import { startWorker } from './worker-module.js';

interface Job {
  readonly seq: number;
  readonly content: Uint8Array;
  readonly context: InspectContext;
  readonly resolve: (i: Inspection) => void;
  readonly reject: (e: unknown) => void;
}

interface Slot {
  worker: Worker;
  job: Job | null;
  timer: NodeJS.Timeout | null;
}

type Reply = { ready: true } | { seq: number; inspection?: Inspection; error?: string };

/**
 * An Inspector backed by `size` worker threads, each with its own pipeline (and the registered-document
 * index read from `store`). A worker stuck past `timeoutMs` is terminated and replaced; its job fails
 * (the ICAP decider then lets policy decide the content as unscannable).
 *
 * @example
 * const pool = await createInspectPool({ size: 2, config, store: storeConfig, timeoutMs: 30_000 });
 * const inspection = await pool.inspect(bytes, context);
 * await pool.close();
 */
export async function createInspectPool(options: { size: number; config: MamoriConfig; store?: StoreConfig; timeoutMs: number }): Promise<Inspector & { close(): Promise<void> }> {
  const queue: Job[] = [];
  const slots: Slot[] = [];
  let seq = 0;
  let closed = false;
  const respawns = new Set<Promise<void>>();

  const spawnSlot = async (): Promise<Slot> => {
    const worker = startWorker('inspect-worker', { config: options.config, store: options.store });
    await new Promise<void>((resolve, reject) => {
      worker.once('error', reject);
      worker.once('message', () => {
        worker.off('error', reject);
        resolve();
      });
    });
    const slot: Slot = { worker, job: null, timer: null };
    worker.on('message', (msg: Reply) => {
      if (!('seq' in msg) || slot.job?.seq !== msg.seq) return;
      const job = slot.job;
      finish(slot);
      if (msg.inspection) job.resolve(msg.inspection);
      else job.reject(new MamoriError('ERR_INTERNAL', msg.error ?? 'inspection failed'));
      pump();
    });
    worker.on('error', (e) => replace(slot, e));
    return slot;
  };

  function finish(slot: Slot): void {
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = null;
    slot.job = null;
  }

  function replace(slot: Slot, cause: Error): void {
    const job = slot.job;
    finish(slot);
    job?.reject(new MamoriError('ERR_TIMEOUT', cause.message));
    void slot.worker.terminate();
    if (closed) return;
    const respawn = spawnSlot().then(async (fresh) => {
      if (closed) return void (await fresh.worker.terminate());
      slots[slots.indexOf(slot)] = fresh;
      pump();
    });
    respawns.add(respawn);
    void respawn.catch(() => undefined).finally(() => respawns.delete(respawn));
  }

  function pump(): void {
    for (const slot of slots) {
      if (slot.job || queue.length === 0) continue;
      const job = queue.shift()!;
      slot.job = job;
      slot.timer = setTimeout(() => replace(slot, new Error(`inspection exceeded ${options.timeoutMs} ms`)), options.timeoutMs);
      // A private copy is moved (not copied again) to the worker.
      const content = new Uint8Array(job.content);
      slot.worker.postMessage({ seq: job.seq, content, context: job.context }, [content.buffer]);
    }
  }

  for (let i = 0; i < options.size; i++) slots.push(await spawnSlot());
  return {
    inspect(content, context) {
      if (closed) return Promise.reject(new MamoriError('ERR_INTERNAL', 'inspection pool closed'));
      return new Promise<Inspection>((resolve, reject) => {
        queue.push({ seq: ++seq, content, context, resolve, reject });
        pump();
      });
    },
    async close() {
      closed = true;
      for (const job of queue.splice(0)) job.reject(new MamoriError('ERR_INTERNAL', 'inspection pool closed'));
      await Promise.all(slots.map((s) => s.worker.terminate()));
      await Promise.allSettled([...respawns]);
    },
  };
}
