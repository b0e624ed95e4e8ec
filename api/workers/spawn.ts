import { Worker, type ResourceLimits } from 'node:worker_threads';

const BOOTSTRAP = new URL('./bootstrap.mjs', import.meta.url);

/**
 * Starts a worker thread running the TypeScript module at `module` (a file: URL, usually
 * `new URL('./x.worker.ts', import.meta.url)`), with `data` as its `workerData.data`.
 */
export function spawnWorker(module: URL, data?: unknown, resourceLimits?: ResourceLimits): Worker {
  return new Worker(BOOTSTRAP, { workerData: { module: module.href, data }, resourceLimits });
}
