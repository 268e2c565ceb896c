import type { Worker } from 'node:worker_threads';
import type { MamoriConfig } from '../config/index.js';
import { MamoriError, type InspectContext, type Inspection } from '../core/index.js';
import type { InspectionPiece, InspectionShare, Inspector, SplittableInspector } from '../inspect.js';
import type { PolicyConfig } from '../policy/index.js';
import type { RegistryUpdate, SnapshotTarget } from '../registry/index.js';
import type { StoreConfig } from '../store/index.js';
import type { InspectWorkerMessage, InspectWorkerReply } from './inspect-protocol.js';
import { startWorker } from './worker-module.js';

interface Job {
  readonly seq: number;
  readonly content: Uint8Array;
  readonly context: InspectContext;
  /** A share of a split inspection (answered with a piece), else a whole one. */
  readonly share?: InspectionShare;
  readonly resolve: (result: Inspection | InspectionPiece) => void;
  readonly reject: (e: unknown) => void;
}

interface Slot {
  worker: Worker;
  job: Job | null;
  timer: NodeJS.Timeout | null;
  /** Replaced (crashed, stopped or timed out): its messages and exit are ignored. */
  gone: boolean;
}

/** Bodies from this size on are moved to the worker rather than cloned (measured: cheaper from ~100 KB). */
const TRANSFER_FROM_BYTES = 64 * 1024;

/** An Inspector on worker threads that inspect with the live state the service pushes to them. */
export interface InspectPool extends Inspector {
  /** Replaces every worker's quarantine list (normalised addresses); jobs queued after this see it. */
  setQuarantine(ips: readonly string[]): void;
  /** Replaces every worker's policy (and that of workers started later); jobs queued after this see it. */
  setPolicy(policy: PolicyConfig): void;
  /** Applies registry changes (as `followRegistry` made them) to every worker's document index. */
  updateRegistry(update: RegistryUpdate): void;
  /** Workers started to replace crashed or stuck ones. */
  readonly replaced: number;
  close(): Promise<void>;
}

export interface InspectPoolOptions {
  readonly size: number;
  readonly config: MamoriConfig;
  /** Where workers read the registered-document index at start; without it no document matches. */
  readonly store?: StoreConfig;
  /** The index snapshot the workers start from (then the store's changes since), as the main thread does. */
  readonly snapshot?: SnapshotTarget;
  /** A worker past this is terminated and replaced; its job fails. */
  readonly timeoutMs: number;
  /** Quarantined addresses at start. */
  readonly quarantine?: readonly string[];
  /** The worker module in this folder (tests substitute one that can crash on purpose). */
  readonly module?: string;
  /**
   * Split a body of at least `fromBytes` over every idle worker when no job waits: one latency of a large
   * upload becomes about a worker's share of it. `combine` (the main thread's inspector) classifies and
   * decides the pieces; `hasDocuments` says whether the document lookup is worth a worker of its own.
   */
  readonly split?: {
    readonly fromBytes: number;
    readonly combine: SplittableInspector['combine'];
    readonly hasDocuments: () => boolean;
  };
}

/**
 * How a split over `workers` workers shares the work: with registered documents one worker looks them up
 * and the others detect (both cost about the same per byte); without, every worker detects a slice.
 *
 * @example
 * planShares(2, true); // [{ detect: null, lookup: true }, { detect: { index: 0, of: 1 }, lookup: false }]
 */
export function planShares(workers: number, hasDocuments: boolean): InspectionShare[] {
  if (hasDocuments) {
    return [{ detect: null, lookup: true }, ...Array.from({ length: workers - 1 }, (_, i) => ({ detect: { index: i, of: workers - 1 }, lookup: false }))];
  }
  return Array.from({ length: workers }, (_, i) => ({ detect: { index: i, of: workers }, lookup: i === 0 }));
}

/**
 * An Inspector backed by `size` worker threads, each with its own pipeline and registered-document index.
 * The quarantine list and registry changes are pushed to every worker (`setQuarantine`, `updateRegistry`)
 * before any later job, so workers decide with the same state as the main thread. A worker that crashes,
 * exits or runs past `timeoutMs` is replaced; its job fails (the ICAP decider then lets policy decide the
 * content as unscannable: fail closed), and the others go on.
 *
 * @example
 * const pool = await createInspectPool({ size: 2, config, store: storeConfig, timeoutMs: 30_000 });
 * quarantine.onChange((ips) => pool.setQuarantine(ips));
 * const inspection = await pool.inspect(bytes, context);
 * await pool.close();
 */
export async function createInspectPool(options: InspectPoolOptions): Promise<InspectPool> {
  const queue: Job[] = [];
  const slots: Slot[] = [];
  let seq = 0;
  let closed = false;
  let replaced = 0;
  let quarantine: readonly string[] = options.quarantine ?? [];
  let policy: PolicyConfig | undefined;
  // A starting worker reads the registry from the store; changes pushed while it starts are kept for it and
  // replayed once it is ready (applying a change twice is harmless: add replaces, remove of a missing id is a no-op).
  const starting = new Set<RegistryUpdate[]>();
  const respawns = new Set<Promise<void>>();

  const post = (slot: Slot, msg: InspectWorkerMessage, transfer?: ArrayBuffer[]) => slot.worker.postMessage(msg, transfer);

  const spawnSlot = async (): Promise<Slot> => {
    const missed: RegistryUpdate[] = [];
    starting.add(missed);
    const worker = startWorker(options.module ?? 'inspect-worker', { config: options.config, store: options.store, snapshot: options.snapshot });
    try {
      await new Promise<void>((resolve, reject) => {
        worker.once('error', reject);
        worker.once('exit', (code) => reject(new MamoriError('ERR_INTERNAL', `inspection worker exited at start (${code})`)));
        worker.once('message', () => {
          worker.off('error', reject);
          worker.removeAllListeners('exit');
          resolve();
        });
      });
    } finally {
      starting.delete(missed);
    }
    const slot: Slot = { worker, job: null, timer: null, gone: false };
    post(slot, { kind: 'quarantine', ips: quarantine });
    if (policy) post(slot, { kind: 'policy', policy });
    for (const update of missed) post(slot, { kind: 'registry', documents: update.documents, removed: update.removed });
    worker.on('message', (msg: InspectWorkerReply) => {
      if (slot.gone || !('seq' in msg) || slot.job?.seq !== msg.seq) return;
      const job = slot.job;
      finish(slot);
      const result = msg.inspection ?? msg.piece;
      if (result) job.resolve(result);
      else job.reject(new MamoriError('ERR_INTERNAL', msg.error ?? 'inspection failed'));
      pump();
    });
    worker.on('error', (e) => replace(slot, new MamoriError('ERR_INTERNAL', `inspection worker crashed: ${e.message}`)));
    worker.on('exit', (code) => replace(slot, new MamoriError('ERR_INTERNAL', `inspection worker exited (${code})`)));
    return slot;
  };

  function finish(slot: Slot): void {
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = null;
    slot.job = null;
  }

  function replace(slot: Slot, cause: Error): void {
    if (slot.gone) return;
    slot.gone = true;
    const job = slot.job;
    finish(slot);
    job?.reject(cause);
    void slot.worker.terminate();
    if (closed) return;
    replaced++;
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
      if (slot.gone || slot.job || queue.length === 0) continue;
      start(slot, queue.shift()!);
    }
  }

  function start(slot: Slot, job: Job): void {
    slot.job = job;
    slot.timer = setTimeout(() => replace(slot, new MamoriError('ERR_TIMEOUT', `inspection exceeded ${options.timeoutMs} ms`)), options.timeoutMs);
    const message = (content: Uint8Array): InspectWorkerMessage =>
      job.share ? { kind: 'inspect-share', seq: job.seq, content, context: job.context, share: job.share } : { kind: 'inspect', seq: job.seq, content, context: job.context };
    // The caller keeps its bytes (they may be echoed later). A small body is copied by postMessage itself;
    // a large one is copied once here and moved, which costs less than the structured clone's copy.
    if (job.content.byteLength < TRANSFER_FROM_BYTES) {
      // The clone copies the whole backing store of a view: a view into a shared slab is narrowed first.
      const whole = job.content.byteOffset === 0 && job.content.byteLength === job.content.buffer.byteLength;
      post(slot, message(whole ? job.content : new Uint8Array(job.content)));
    } else {
      const content = new Uint8Array(job.content);
      post(slot, message(content), [content.buffer]);
    }
  }

  /** Runs the shares of one inspection on the given idle workers at once; any share failing fails it. */
  async function inspectSplit(content: Uint8Array, context: InspectContext, idle: Slot[], split: NonNullable<InspectPoolOptions['split']>): Promise<Inspection> {
    const shares = planShares(idle.length, split.hasDocuments());
    const pieces = await Promise.all(
      shares.map(
        (share, i) =>
          new Promise<Inspection | InspectionPiece>((resolve, reject) => {
            start(idle[i]!, { seq: ++seq, content, context, share, resolve, reject });
          }),
      ),
    );
    return split.combine(pieces as InspectionPiece[], context);
  }

  const broadcast = (msg: InspectWorkerMessage) => {
    for (const slot of slots) if (!slot.gone) post(slot, msg);
  };

  try {
    for (let i = 0; i < options.size; i++) slots.push(await spawnSlot());
  } catch (e) {
    closed = true;
    await Promise.all(slots.map((s) => s.worker.terminate()));
    throw e;
  }
  return {
    get replaced() {
      return replaced;
    },
    inspect(content, context) {
      if (closed) return Promise.reject(new MamoriError('ERR_INTERNAL', 'inspection pool closed'));
      const split = options.split;
      if (split && content.byteLength >= split.fromBytes && queue.length === 0) {
        const idle = slots.filter((s) => !s.gone && !s.job);
        if (idle.length >= 2) return inspectSplit(content, context, idle, split);
      }
      return new Promise<Inspection>((resolve, reject) => {
        queue.push({ seq: ++seq, content, context, resolve: resolve as (r: Inspection | InspectionPiece) => void, reject });
        pump();
      });
    },
    setQuarantine(ips) {
      quarantine = [...ips];
      broadcast({ kind: 'quarantine', ips: quarantine });
    },
    setPolicy(next) {
      policy = next;
      broadcast({ kind: 'policy', policy: next });
    },
    updateRegistry(update) {
      for (const missed of starting) missed.push(update);
      broadcast({ kind: 'registry', documents: update.documents, removed: update.removed });
    },
    async close() {
      closed = true;
      for (const job of queue.splice(0)) job.reject(new MamoriError('ERR_INTERNAL', 'inspection pool closed'));
      for (const slot of slots) {
        slot.gone = true;
        slot.job?.reject(new MamoriError('ERR_INTERNAL', 'inspection pool closed'));
        finish(slot);
      }
      await Promise.all(slots.map((s) => s.worker.terminate()));
      await Promise.allSettled([...respawns]);
    },
  };
}
