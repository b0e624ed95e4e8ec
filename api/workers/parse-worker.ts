import { parentPort, type TransferListItem, workerData } from 'node:worker_threads';
import { type ParseReply, serializeError } from './parse-protocol.ts';

/**
 * The worker side of `runParse`: a `*.worker.ts` module calls `serveParse(fn)` once; `fn` gets
 * the data the parent sent and returns the value to send back, with the buffers inside it to
 * move rather than copy.
 */
export function serveParse<I, O>(parse: (input: I) => Promise<{ value: O; transfer?: TransferListItem[] }> | { value: O; transfer?: TransferListItem[] }): void {
  const port = parentPort;
  if (!port) throw new Error('serveParse must run in a worker thread');
  const data = (workerData as { data: I }).data;
  Promise.resolve()
    .then(() => parse(data))
    .then(
      ({ value, transfer }) => port.postMessage({ ok: true, value } satisfies ParseReply<O>, transfer),
      (e: unknown) => port.postMessage({ ok: false, error: serializeError(e) } satisfies ParseReply<O>),
    );
}
