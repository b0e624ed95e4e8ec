import type { Handle } from '../../db/index.ts';
import { ValidationError } from '../../errors.ts';
import { DEFAULT_IMPORT_LIMITS } from '../limits.ts';
import type { LedgerKind } from './columns.ts';
import { skippedNote } from './footer-rows.ts';
import { loadReference, Places } from './places.ts';
import { type ParsedLedger, parseLedgerBytes } from './read-in-worker.ts';
import { type LedgerReport, LOCATION_NOTE, MAX_LISTED_ERRORS } from './report.ts';
import { type LedgerRecords, validateSheet } from './validate.ts';
import { existingClientIds, insertRecords, recordBatch } from './write.ts';

export interface LedgerImportInput {
  /** The file; not read when `parsed` is given (it may have been moved to the parse worker). */
  bytes: Uint8Array;
  /** The file already read (by `readLedgerInWorker`); absent: read here, under the default limits. */
  parsed?: ParsedLedger;
  fileName: string;
  /** null: decided from the headers. */
  kind: LedgerKind | null;
  /** The township the ledger belongs to, when the caller knows it. */
  townshipCode: string | null;
  dryRun: boolean;
  now: Date;
}

/** Keeps the first of rows that are the same row (same client id) within one file. */
function firstOfEach(batch: LedgerRecords): LedgerRecords {
  const seen = new Set<string>();
  const keep = <R extends { clientId: string }>(rs: R[]) => rs.filter((r) => !seen.has(r.clientId) && seen.add(r.clientId));
  return batch.kind === 'disputes' ? { kind: 'disputes', records: keep(batch.records) } : { kind: 'visits', records: keep(batch.records) };
}

function withoutExisting(batch: LedgerRecords, existing: Set<string>): LedgerRecords {
  return batch.kind === 'disputes'
    ? { kind: 'disputes', records: batch.records.filter((r) => !existing.has(r.clientId)) }
    : { kind: 'visits', records: batch.records.filter((r) => !existing.has(r.clientId)) };
}

/**
 * Imports a township ledger on `h`, all or nothing: any bad row rejects the file with a report
 * and writes nothing. Run it in `db.write` (or `db.read` for a dry run, which never writes).
 * Throws a 400 AppError when the file is not a readable ledger.
 */
export async function importLedger(h: Handle, input: LedgerImportInput): Promise<LedgerReport> {
  const { sheet, sha256 } = input.parsed ?? (await parseLedgerBytes(input.bytes, DEFAULT_IMPORT_LIMITS));
  const places = new Places(await loadReference(h));
  const township = input.townshipCode ? places.townshipOf(input.townshipCode) : null;
  if (township === undefined) throw new ValidationError(`unknown township ${input.townshipCode}`, { township: `no township with code ${input.townshipCode}` });

  const checked = validateSheet(sheet, input.kind, places, { township, now: input.now });
  const report: LedgerReport = {
    kind: checked.kind,
    file: { name: input.fileName, format: sheet.format, encoding: sheet.encoding, sheet: sheet.sheetName, sha256 },
    rows: checked.rows,
    errors: checked.errors.slice(0, MAX_LISTED_ERRORS),
    errorCount: checked.errors.length,
    inserted: 0,
    duplicates: 0,
    applied: false,
    dryRun: input.dryRun,
    batchId: null,
    ignoredColumns: checked.ignoredColumns,
    skipped: checked.skipped.slice(0, MAX_LISTED_ERRORS),
    notes: [LOCATION_NOTE, ...[skippedNote(checked.skipped)].filter((n): n is string => n !== null)],
  };
  if (report.errorCount > 0) return report;

  const unique = firstOfEach(checked);
  const fresh = withoutExisting(
    unique,
    await existingClientIds(
      h,
      checked.kind,
      unique.records.map((r) => r.clientId),
    ),
  );
  const total = checked.records.length;
  if (input.dryRun) {
    report.inserted = fresh.records.length;
    report.duplicates = total - fresh.records.length;
    report.notes.push('dry run: nothing was written');
  } else {
    report.inserted = await insertRecords(h, fresh);
    report.duplicates = total - report.inserted;
    report.applied = true;
  }
  if (report.duplicates > 0) {
    report.notes.push(`${report.duplicates} row(s) were imported before or repeat an earlier row (same village, date and content); they were left as they are`);
  }
  if (report.applied) {
    report.batchId = await recordBatch(h, {
      kind: report.kind,
      fileName: input.fileName,
      fileSha256: report.file.sha256,
      rows: report.rows,
      inserted: report.inserted,
      duplicates: report.duplicates,
      report,
      townshipCode: input.townshipCode,
    });
  }
  return report;
}
