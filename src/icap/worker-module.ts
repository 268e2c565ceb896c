import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

/**
 * Starts a worker from a sibling module of this folder: the built `.js`, or from source the `.ts`
 * with the TypeScript loader registered inside the worker (loader hooks do not reach workers on Node 20).
 *
 * @example
 * const worker = startWorker('recorder-worker', storeConfig);
 */
export function startWorker(name: string, workerData: unknown): Worker {
  const ts = fileURLToPath(new URL(`./${name}.ts`, import.meta.url));
  if (!existsSync(ts)) return new Worker(fileURLToPath(new URL(`./${name}.js`, import.meta.url)), { workerData });
  const code = `import('tsx/esm/api').then((m) => { m.register(); return import(${JSON.stringify(pathToFileURL(ts).href)}); })`;
  return new Worker(code, { eval: true, workerData });
}
