import type { TransferListItem } from 'node:worker_threads';
import { AppError } from '../errors.ts';
import { type ParseReply, reviveError } from './parse-protocol.ts';
import { spawnWorker } from './spawn.ts';

/**
 * Runs the parse of an uploaded file in its own worker thread, so that however long or large it
 * gets the server's thread keeps answering: the worker has a heap cap, and a deadline after which
 * it is terminated (V8 stops it even inside a tight loop). Each parse gets a fresh worker: a
 * worker that ran out of memory or was stopped cannot be reused, and uploads are rare.
 */

export interface ParseBudget {
  /** Wall-clock deadline from the start of the worker (IMPORT_PARSE_TIMEOUT_MS). */
  timeoutMs: number;
  /** Heap of the worker (IMPORT_PARSE_MEMORY_MB). */
  memoryMb: number;
}

/** The parse ran past its deadline: the file is too big or too complex to read. */
export class ParseTimeoutError extends AppError {
  constructor(timeoutMs: number) {
    super(
      422,
      'import_too_complex',
      `the file took longer than ${timeoutMs / 1000} s to read (IMPORT_PARSE_TIMEOUT_MS), so reading it was stopped; split it into smaller files or simplify it`,
      undefined,
      {
        limit: 'IMPORT_PARSE_TIMEOUT_MS',
        max: timeoutMs,
      },
    );
  }
}

/** The parse needed more memory than its worker may have. */
export class ParseOutOfMemoryError extends AppError {
  constructor(memoryMb: number) {
    super(413, 'import_limit', `reading the file needed more than ${memoryMb} MB of memory (IMPORT_PARSE_MEMORY_MB); split it into smaller files`, undefined, {
      limit: 'IMPORT_PARSE_MEMORY_MB',
      max: memoryMb,
      found: `more than ${memoryMb}`,
    });
  }
}

/**
 * Starts `module` (a `*.worker.ts` calling `serveParse`) with `data`, moving `transfer` (the
 * upload's ArrayBuffer: the caller must not use it afterwards), and resolves with what it parsed
 * or rejects with its error, a ParseTimeoutError or a ParseOutOfMemoryError.
 */
export function runParse<T>(module: URL, data: unknown, budget: ParseBudget, transfer: readonly TransferListItem[] = []): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const worker = spawnWorker(module, data, { maxOldGenerationSizeMb: budget.memoryMb }, transfer);
    let settled = false;
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      fn();
      // Whatever happened, the thread and its heap go: terminate() is a no-op on an exited worker.
      void worker.terminate();
    };
    const timer = setTimeout(() => settle(() => reject(new ParseTimeoutError(budget.timeoutMs))), budget.timeoutMs);
    worker.once('message', (reply: ParseReply<T>) => settle(() => (reply.ok ? resolve(reply.value) : reject(reviveError(reply.error)))));
    worker.once('error', (e: Error & { code?: string }) => settle(() => reject(e.code === 'ERR_WORKER_OUT_OF_MEMORY' ? new ParseOutOfMemoryError(budget.memoryMb) : e)));
    worker.once('exit', (code) => settle(() => reject(new Error(`the parse worker exited (code ${code}) without an answer`))));
  });
}

/** The upload's bytes as a buffer that can be moved to a worker: itself when it owns its buffer whole, else a copy. */
export function transferable(bytes: Uint8Array): { bytes: Uint8Array; transfer: ArrayBuffer[] } {
  const whole = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && bytes.buffer instanceof ArrayBuffer;
  const own = whole ? bytes : bytes.slice();
  return { bytes: own, transfer: [own.buffer as ArrayBuffer] };
}
