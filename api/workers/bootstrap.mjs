// Entry of every worker thread: Node 20 cannot load TypeScript by itself, and a worker does not
// inherit the loader of the thread that started it (tsx, or Vitest's), so each worker registers
// tsx and then loads its real module, named in workerData.module (a file: URL).
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.module);
