// The ledger parse thread: ExcelJS or Papa Parse on the uploaded bytes, under the import limits.
import { serveParse } from '../../workers/parse-worker.ts';
import type { ImportLimits } from '../limits.ts';
import { type ParsedLedger, parseLedgerBytes } from './read-in-worker.ts';

serveParse<{ bytes: Uint8Array; limits: ImportLimits }, ParsedLedger>(async ({ bytes, limits }) => ({ value: await parseLedgerBytes(bytes, limits) }));
