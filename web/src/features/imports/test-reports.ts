import type { LedgerReport, RowError } from './upload-ledger.ts';

/** Ledger reports shaped like the API's, for the dialog's tests. */
export function ledgerReport(p: Partial<LedgerReport> = {}): LedgerReport {
  return {
    kind: 'visits',
    file: { name: 'visits.csv', format: 'csv', encoding: 'utf-8', sheet: null, sha256: 'ab'.repeat(32) },
    rows: 5,
    errors: [],
    errorCount: 0,
    inserted: 5,
    duplicates: 0,
    applied: false,
    dryRun: true,
    batchId: null,
    ignoredColumns: [],
    skipped: [],
    notes: [],
    ...p,
  };
}

export const rowError = (p: Partial<RowError> = {}): RowError => ({
  row: 3,
  column: '走访日期',
  value: '2025-13-01',
  problem: 'not a date',
  expected: 'a date like 2025-03-01',
  ...p,
});
