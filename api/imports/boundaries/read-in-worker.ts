import { runParse, transferable } from '../../workers/run-parse.ts';
import type { ImportLimits } from '../limits.ts';
import type { FileFormat, ParsedFile } from './read-file.ts';

/**
 * Reads a boundary file in a worker thread under IMPORT_PARSE_TIMEOUT_MS and
 * IMPORT_PARSE_MEMORY_MB, so unzipping, shapefile decoding and JSON.parse never hold up the
 * server's thread. With `move`, the bytes' buffer is handed to the worker (the caller must not
 * use it afterwards); otherwise they are copied.
 */
export function readBoundaryInWorker(bytes: Uint8Array, format: FileFormat, limits: ImportLimits, move = false): Promise<ParsedFile> {
  const sent = move ? transferable(bytes) : { bytes: bytes.slice(), transfer: [] as ArrayBuffer[] };
  if (!move) sent.transfer.push(sent.bytes.buffer as ArrayBuffer);
  return runParse<ParsedFile>(
    new URL('./read-file.worker.ts', import.meta.url),
    { bytes: sent.bytes, format, limits },
    { timeoutMs: limits.IMPORT_PARSE_TIMEOUT_MS, memoryMb: limits.IMPORT_PARSE_MEMORY_MB },
    sent.transfer,
  );
}
