import { type ResourceLimits, type TransferListItem, Worker } from 'node:worker_threads';

const BOOTSTRAP = new URL('./bootstrap.mjs', import.meta.url);

/**
 * Starts a worker thread running the TypeScript module at `module` (a file: URL, usually
 * `new URL('./x.worker.ts', import.meta.url)`), with `data` as its `workerData.data`.
 * `transferList` moves buffers inside `data` to the worker instead of copying them.
 */
export function spawnWorker(module: URL, data?: unknown, resourceLimits?: ResourceLimits, transferList?: readonly TransferListItem[]): Worker {
  return new Worker(BOOTSTRAP, { workerData: { module: module.href, data }, resourceLimits, transferList: transferList as TransferListItem[] | undefined });
}
