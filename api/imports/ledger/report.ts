import type { LedgerKind } from './columns.ts';
import type { NonCaseRow } from './footer-rows.ts';
import type { FileFormat, TextEncoding } from './read-file.ts';
import type { RowError } from './row-context.ts';

/**
 * What an import did, row by row: the answer of the API (200, or inside a 422 when rejected)
 * and what the CLI prints.
 */
export interface LedgerReport {
  kind: LedgerKind;
  file: { name: string; format: FileFormat; encoding: TextEncoding | null; sheet: string | null; sha256: string };
  /** Data rows read (blank rows not counted). */
  rows: number;
  /** Problems, first MAX_LISTED_ERRORS of them; any problem means nothing was imported. */
  errors: RowError[];
  errorCount: number;
  /** Rows written; on a dry run, rows that would be written. */
  inserted: number;
  /** Rows already in the database from an earlier import of the same ledger (or repeated in the file). */
  duplicates: number;
  /** True when the rows were written; false when rejected or a dry run. */
  applied: boolean;
  dryRun: boolean;
  /** The import_batch row of an applied import. */
  batchId: number | null;
  /** Headers in the file that are not ledger columns (序号, 备注...); their cells are not imported. */
  ignoredColumns: string[];
  /** Rows below the header that are not cases (totals, signature lines, notes): skipped, by row. */
  skipped: NonCaseRow[];
  notes: string[];
}

export const MAX_LISTED_ERRORS = 1000;

export const LOCATION_NOTE = "ledgers carry no coordinates: each row is placed on the map at its village's label point";

const KIND_WORDS: Record<LedgerKind, string> = { disputes: 'disputes (矛盾纠纷)', visits: 'visits (走访)' };

/** One line per problem, as a clerk reads it next to the spreadsheet. */
export function formatRowError(e: RowError): string {
  const where = e.column ? `row ${e.row}, ${e.column}` : `row ${e.row}`;
  const value = e.value ? ` "${e.value}"` : '';
  return `  ${where}${value}: ${e.problem}; expected ${e.expected}`;
}

/** The report as text for the CLI. */
export function formatReport(r: LedgerReport): string {
  const lines = [
    `${r.file.name}: ${KIND_WORDS[r.kind]} ledger, ${r.file.format}${r.file.encoding ? ` (${r.file.encoding})` : ''}${r.file.sheet ? `, sheet ${r.file.sheet}` : ''}, ${r.rows} rows`,
  ];
  if (r.errorCount > 0) {
    lines.push(`REJECTED: ${r.errorCount} problem${r.errorCount === 1 ? '' : 's'}; nothing was imported. Fix these and import the file again:`);
    lines.push(...r.errors.map(formatRowError));
    if (r.errorCount > r.errors.length) lines.push(`  ... and ${r.errorCount - r.errors.length} more`);
  } else if (r.dryRun) {
    lines.push(`dry run, valid: ${r.inserted} rows would be inserted, ${r.duplicates} already imported`);
  } else {
    lines.push(`imported: ${r.inserted} inserted, ${r.duplicates} already imported (batch ${r.batchId})`);
  }
  if (r.ignoredColumns.length) lines.push(`columns not imported: ${r.ignoredColumns.join(', ')}`);
  lines.push(...r.notes.map((n) => `note: ${n}`));
  return lines.join('\n');
}
