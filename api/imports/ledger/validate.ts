import { BIDI_CONTROL } from '../../domain/bidi.ts';
import { AppError } from '../../errors.ts';
import { clip } from '../limits.ts';
import { COLUMNS, DISPUTE_COLUMNS, detectKind, type HeaderMapping, type LedgerKind, mapHeaders, recognisedHeaderCount, VISIT_COLUMNS } from './columns.ts';
import { isFooterText, type NonCaseRow, nonCaseRow } from './footer-rows.ts';
import type { Places } from './places.ts';
import { isBlankRow, type Sheet, type SheetRow } from './read-file.ts';
import { type ImportOptions, RowContext, type RowError } from './row-context.ts';
import { type DisputeRecord, disputeRow, type VisitRecord, visitRow } from './rows.ts';
import { cellText } from './values.ts';

/** Headers named back in a message or report: enough to recognise the file, never the whole row. */
const MAX_ECHOED_HEADERS = 30;
const listed = (headers: string[]) => {
  const named = headers.filter(Boolean);
  return (
    named
      .slice(0, MAX_ECHOED_HEADERS)
      .map((h) => clip(h))
      .join('、') + (named.length > MAX_ECHOED_HEADERS ? `… (${named.length} headers)` : '')
  );
};

/**
 * Checks a whole sheet: finds its header row, maps the columns, and reads every data row into a
 * record or into row errors. Pure: the reference data comes in through `Places`.
 */

export type LedgerRecords = { kind: 'disputes'; records: DisputeRecord[] } | { kind: 'visits'; records: VisitRecord[] };

export type Validation = LedgerRecords & {
  /** Data rows (blank rows, totals, signature lines and notes are not counted). */
  rows: number;
  /** Rows below the header that are not cases (totals, signature lines, notes). */
  skipped: NonCaseRow[];
  errors: RowError[];
  ignoredColumns: string[];
};

/** The file is a spreadsheet, but not a ledger we know: a 400 naming the headers we expect. */
export class UnrecognisedLedgerError extends AppError {
  constructor(message: string) {
    super(400, 'unrecognised_ledger', message);
  }
}

/** Ledgers often open with a title row (界牌镇矛盾纠纷台账); the header is the first row naming 2+ columns. */
const HEADER_SEARCH_ROWS = 10;

function findHeaderRow(sheet: Sheet): SheetRow {
  const candidates = sheet.rows.filter((r) => !isBlankRow(r.cells)).slice(0, HEADER_SEARCH_ROWS);
  const header = candidates.find((r) => recognisedHeaderCount(r.cells.map(cellText)) >= 2);
  if (!header) {
    const expect = (cols: typeof DISPUTE_COLUMNS) =>
      cols
        .filter((c) => c.requiredColumn)
        .map((c) => c.header)
        .join('、');
    throw new UnrecognisedLedgerError(
      `no header row found in the first ${HEADER_SEARCH_ROWS} rows: a disputes ledger has the columns ${expect(DISPUTE_COLUMNS)}; ` +
        `a visits ledger ${expect(VISIT_COLUMNS)} and 民警 or 警号 (download the template from /api/imports/ledger/template)`,
    );
  }
  return header;
}

function headerErrors(kind: LedgerKind, mapping: HeaderMapping, headerRow: number): RowError[] {
  const errors: RowError[] = [];
  for (const c of COLUMNS[kind]) {
    if (c.requiredColumn && !mapping.columns.has(c.field)) {
      errors.push({ row: headerRow, column: c.header, value: '', problem: '缺少此列', expected: `列名为 ${[c.header, ...c.synonyms.slice(0, 2)].join(' 或 ')} 的一列` });
    }
  }
  if (kind === 'visits' && !mapping.columns.has('officerName') && !mapping.columns.has('officerId')) {
    errors.push({ row: headerRow, column: '民警', value: '', problem: '缺少此列', expected: '民警（姓名）列或警号列' });
  }
  for (const r of mapping.repeated) {
    errors.push({
      row: headerRow,
      column: clip(r.header),
      value: clip(r.header),
      problem: `与“${clip(mapping.columns.get(r.field)?.header ?? '')}”列重复`,
      expected: '每列只出现一次',
    });
  }
  return errors;
}

export function validateSheet(sheet: Sheet, requestedKind: LedgerKind | null, places: Places, options: ImportOptions): Validation {
  const header = findHeaderRow(sheet);
  const headers = header.cells.map(cellText);
  const kind = requestedKind ?? detectKind(headers);
  if (!kind) {
    throw new UnrecognisedLedgerError(`cannot tell whether this is a disputes or a visits ledger from its headers (${listed(headers)}); choose the kind`);
  }
  const mapping = mapHeaders(kind, headers);
  const errors = headerErrors(kind, mapping, header.row);
  const below = sheet.rows.filter((r) => r.row > header.row && !isBlankRow(r.cells));
  // Totals, signature lines and notes are not cases: skipped, and named in the report.
  const skipped: NonCaseRow[] = [];
  // A row that fills two of the ledger's required columns with case data (not 合计, 共5件 or a
  // signature) is a case whatever its other cells say.
  const required = COLUMNS[kind]
    .filter((c) => c.requiredColumn)
    .map((c) => mapping.columns.get(c.field)?.index)
    .filter((i): i is number => i !== undefined);
  const caseCell = (text: string) => text !== '' && !isFooterText(text);
  const looksLikeCase = (r: SheetRow) => required.filter((i) => caseCell(cellText(r.cells[i] ?? null))).length >= Math.min(2, required.length);
  const dataRows = below.filter((r) => {
    const other = looksLikeCase(r) ? null : nonCaseRow(r.row, r.cells);
    if (other) skipped.push(other);
    return !other;
  });
  if (dataRows.length === 0) {
    errors.push({ row: header.row + 1, column: '', value: '', problem: '台账没有数据行', expected: '表头下方至少一行数据' });
  }
  // A missing column would repeat the same error on every row: report it once, read no rows.
  const rows = errors.length ? [] : dataRows;
  const read = <R>(toRecord: (ctx: RowContext) => R | null): R[] => {
    const records: R[] = [];
    for (const row of rows) {
      // Text that reorders what follows it on screen (U+202E …) is refused like everywhere else.
      const bidi = row.cells.findIndex((c) => typeof c === 'string' && BIDI_CONTROL.test(c));
      if (bidi >= 0) {
        errors.push({
          row: row.row,
          column: clip(headers[bidi] ?? ''),
          value: clip(cellText(row.cells[bidi] ?? null)),
          problem: '含有双向控制字符',
          expected: '普通文字（不含 U+202A–U+202E、U+2066–U+2069 等控制字符）',
        });
        continue;
      }
      const ctx = new RowContext(row, mapping, COLUMNS[kind], places, options);
      const record = toRecord(ctx);
      if (record) records.push(record);
      errors.push(...ctx.errors);
    }
    return records;
  };
  const base = { rows: dataRows.length, errors, skipped, ignoredColumns: mapping.ignored.slice(0, MAX_ECHOED_HEADERS).map((h) => clip(h)) };
  return kind === 'disputes' ? { kind, records: read(disputeRow), ...base } : { kind, records: read(visitRow), ...base };
}
