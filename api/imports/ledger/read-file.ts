import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { AppError } from '../../errors.ts';
import type { Cell } from './values.ts';

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

export function readCsv(bytes: Uint8Array): Sheet {
  if (bytes.includes(0)) throw new UnreadableFileError('the file is neither an .xlsx workbook nor a CSV text file');
  const { text, encoding } = decodeText(bytes);
  const parsed = Papa.parse<string[]>(text, { skipEmptyLines: false, delimitersToGuess: [',', '\t', ';'] });
  const rows = parsed.data.map((cells, i) => ({ row: i + 1, cells: cells.map((c) => (c === '' ? null : c)) }));
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

export async function readXlsx(bytes: Uint8Array): Promise<Sheet> {
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
    rows.push({ row: rowNumber, cells: Array.from(cells, (c) => c ?? null) });
  });
  return { format: 'xlsx', encoding: null, sheetName: sheet.name, rows };
}

/** Reads an .xlsx or CSV file, told apart by its first bytes (not its name or content type). */
export async function readLedgerFile(bytes: Uint8Array): Promise<Sheet> {
  if (bytes.length === 0) throw new UnreadableFileError('the file is empty');
  if (startsWith(bytes, OLE_MAGIC)) throw new UnreadableFileError('old .xls workbooks are not supported: save it as .xlsx (Excel 2007 or later) or CSV');
  return startsWith(bytes, ZIP_MAGIC) ? readXlsx(bytes) : readCsv(bytes);
}

export const isBlankRow = (cells: readonly Cell[]) => cells.every((c) => c === null || (typeof c === 'string' && c.trim() === ''));
