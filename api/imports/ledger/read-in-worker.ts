import { createHash } from 'node:crypto';
import { runParse, transferable } from '../../workers/run-parse.ts';
import type { ImportLimits } from '../limits.ts';
import { readLedgerFile, type Sheet } from './read-file.ts';

/** A ledger file read into rows, with the digest of its bytes (the bytes themselves stay behind). */
export interface ParsedLedger {
  sheet: Sheet;
  sha256: string;
}

export async function parseLedgerBytes(bytes: Uint8Array, limits: ImportLimits): Promise<ParsedLedger> {
  return { sha256: createHash('sha256').update(bytes).digest('hex'), sheet: await readLedgerFile(bytes, limits) };
}

/**
 * Reads a ledger file in a worker thread under IMPORT_PARSE_TIMEOUT_MS and IMPORT_PARSE_MEMORY_MB:
 * the server's thread stays free while ExcelJS or Papa Parse works. `bytes` is moved to the
 * worker when it owns its buffer, so the caller must not use it afterwards.
 */
export function readLedgerInWorker(bytes: Uint8Array, limits: ImportLimits): Promise<ParsedLedger> {
  const moved = transferable(bytes);
  return runParse<ParsedLedger>(
    new URL('./read-file.worker.ts', import.meta.url),
    { bytes: moved.bytes, limits },
    { timeoutMs: limits.IMPORT_PARSE_TIMEOUT_MS, memoryMb: limits.IMPORT_PARSE_MEMORY_MB },
    moved.transfer,
  );
}
