import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { AppError } from '../../errors.ts';
import { clip, DEFAULT_IMPORT_LIMITS, ImportLimitError, type ImportLimits } from '../limits.ts';
import { ZipFormatError } from '../zip-entries.ts';
import type { Cell } from './values.ts';
import { prescanXlsx, tooManyRows } from './xlsx-prescan.ts';

/**
 * Turns the uploaded bytes into rows of cells, whatever Excel saved: .xlsx, or CSV in UTF-8
 * (with or without BOM) or GBK (what Excel on a Chinese Windows writes as "CSV").
 */

export type FileFormat = 'xlsx' | 'csv';
export type TextEncoding = 'utf-8' | 'utf-8-bom' | 'gbk';

export interface SheetRow {
  /** The row number Excel shows (1-based, blank rows counted). */
  row: number;
  cells: Cell[];
}

export interface Sheet {
  format: FileFormat;
  encoding: TextEncoding | null;
  sheetName: string | null;
  rows: SheetRow[];
}

/** The file cannot be read as a spreadsheet at all: a 400, not a row report. */
export class UnreadableFileError extends AppError {
  constructor(message: string) {
    super(400, 'unreadable_file', message);
  }
}

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0]; // legacy .xls
const startsWith = (bytes: Uint8Array, magic: number[]) => magic.every((b, i) => bytes[i] === b);

/** The sheet the template puts its instructions on; never the data. */
export const HELP_SHEET = '填写说明';

export function decodeText(bytes: Uint8Array): { text: string; encoding: TextEncoding } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8-bom' };
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    // Not valid UTF-8: Excel's "CSV" on a Chinese Windows is GBK (GB18030 decodes it).
    return { text: new TextDecoder('gbk').decode(bytes), encoding: 'gbk' };
  }
}

/** Column letters as Excel shows them (1 -> A, 27 -> AA), for messages about one cell. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let out = '';
  for (; n > 0; n = Math.floor((n - 1) / 26)) out = String.fromCharCode(65 + ((n - 1) % 26)) + out;
  return out;
}

/** A cell over IMPORT_MAX_CELL_CHARS refuses the file; its value is echoed clipped. */
function checkCells(cells: readonly Cell[], row: number, limits: ImportLimits): void {
  // Width first: a sheet of thousands of filled columns passes the row and size limits but costs
  // the server as many rows (and its cells are copied back from the parse worker).
  let width = cells.length;
  while (width > 0 && (cells[width - 1] === null || cells[width - 1] === '')) width--;
  const maxColumns = limits.IMPORT_MAX_COLUMNS;
  if (width > maxColumns)
    throw new ImportLimitError(
      'IMPORT_MAX_COLUMNS',
      maxColumns,
      width,
      `row ${row} fills ${width} columns; a ledger has at most ${maxColumns} (IMPORT_MAX_COLUMNS): delete the extra columns and import the file again`,
      { row },
    );
  for (const [i, c] of cells.entries()) {
    if (typeof c !== 'string' || c.length <= limits.IMPORT_MAX_CELL_CHARS) continue;
    const where = `row ${row}, column ${columnLetter(i)}`;
    throw new ImportLimitError(
      'IMPORT_MAX_CELL_CHARS',
      limits.IMPORT_MAX_CELL_CHARS,
      c.length,
      `${where} holds ${c.length} characters; a cell may hold at most ${limits.IMPORT_MAX_CELL_CHARS} (IMPORT_MAX_CELL_CHARS): shorten it and import the file again`,
      { row, column: columnLetter(i), value: clip(c) },
    );
  }
}

/** Refuses a sheet with more non-blank rows than IMPORT_MAX_ROWS data rows and a header. */
function checkRowCount(nonBlank: number, limits: ImportLimits): void {
  if (nonBlank > limits.IMPORT_MAX_ROWS + 1)
    throw new ImportLimitError('IMPORT_MAX_ROWS', limits.IMPORT_MAX_ROWS, `more than ${limits.IMPORT_MAX_ROWS}`, tooManyRows(limits.IMPORT_MAX_ROWS));
}

export function readCsv(bytes: Uint8Array, limits: ImportLimits = DEFAULT_IMPORT_LIMITS): Sheet {
  if (bytes.includes(0)) throw new UnreadableFileError('the file is neither an .xlsx workbook nor a CSV text file');
  const { text, encoding } = decodeText(bytes);
  const rows: SheetRow[] = [];
  let nonBlank = 0;
  // Row by row, stopping at the first row past the limit: a 300k-row file costs no more than a
  // file at the limit.
  Papa.parse<string[]>(text, {
    skipEmptyLines: false,
    delimitersToGuess: [',', '\t', ';'],
    step: (result) => {
      const cells = result.data.map((c) => (c === '' ? null : c));
      const row = rows.length + 1;
      checkCells(cells, row, limits);
      if (!isBlankRow(cells)) checkRowCount(++nonBlank, limits);
      rows.push({ row, cells });
    },
  });
  return { format: 'csv', encoding, sheetName: null, rows };
}

function plainCell(value: ExcelJS.CellValue): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'object' || value instanceof Date) return value;
  if ('richText' in value) return value.richText.map((r) => r.text).join('');
  if ('error' in value) return value.error;
  if ('formula' in value || 'sharedFormula' in value) {
    const r = value.result;
    return r === undefined ? null : typeof r === 'object' && !(r instanceof Date) ? r.error : r;
  }
  if ('text' in value) return String(value.text);
  return null;
}

export async function readXlsx(bytes: Uint8Array, limits: ImportLimits = DEFAULT_IMPORT_LIMITS): Promise<Sheet> {
  try {
    prescanXlsx(bytes, limits);
  } catch (e) {
    if (e instanceof ZipFormatError) throw new UnreadableFileError(`the .xlsx workbook cannot be read (${e.message})`);
    throw e;
  }
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ExcelJS.Buffer);
  } catch (e) {
    throw new UnreadableFileError(`the .xlsx workbook cannot be read (${e instanceof Error ? e.message : 'damaged file'})`);
  }
  const sheet = workbook.worksheets.find((w) => w.name.trim() !== HELP_SHEET && w.state === 'visible') ?? workbook.worksheets[0];
  if (!sheet) throw new UnreadableFileError('the workbook has no sheet');
  const rows: SheetRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (r, rowNumber) => {
    const cells: Cell[] = [];
    r.eachCell({ includeEmpty: false }, (cell, col) => {
      cells[col - 1] = plainCell(cell.value);
    });
    const row = { row: rowNumber, cells: Array.from(cells, (c) => c ?? null) };
    checkCells(row.cells, rowNumber, limits);
    rows.push(row);
  });
  checkRowCount(rows.filter((r) => !isBlankRow(r.cells)).length, limits);
  return { format: 'xlsx', encoding: null, sheetName: sheet.name, rows };
}

/** Reads an .xlsx or CSV file, told apart by its first bytes (not its name or content type). */
export async function readLedgerFile(bytes: Uint8Array, limits: ImportLimits = DEFAULT_IMPORT_LIMITS): Promise<Sheet> {
  if (bytes.length === 0) throw new UnreadableFileError('the file is empty');
  if (startsWith(bytes, OLE_MAGIC)) throw new UnreadableFileError('old .xls workbooks are not supported: save it as .xlsx (Excel 2007 or later) or CSV');
  return startsWith(bytes, ZIP_MAGIC) ? readXlsx(bytes, limits) : readCsv(bytes, limits);
}

export const isBlankRow = (cells: readonly Cell[]) => cells.every((c) => c === null || (typeof c === 'string' && c.trim() === ''));
