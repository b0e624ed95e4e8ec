import { ImportLimitError, type ImportLimits } from '../limits.ts';
import { inflateEntry, listZipEntries, unpackBudget } from '../zip-entries.ts';

/**
 * Looks inside an .xlsx before ExcelJS builds objects from it: ExcelJS holds every row, cell and
 * shared string in memory at once, so a 400 KB workbook that unpacks to 400 MB, or a 21 MB one of
 * a million rows, must be refused from the zip directory and a cheap scan of the sheet XML.
 */

/** Rows besides the data a ledger may have: its header, a title, blank or formatted spare rows. */
export const SPARE_XLSX_ROWS = 100;

const WORKSHEET = /^xl\/worksheets\/[^/]+\.xml$/i;
const [LT, R, O, W] = [0x3c, 0x72, 0x6f, 0x77];

/** Counts `<row` elements (not `<rowBreaks`) across chunks; `state.tail` carries the last bytes, not yet looked at. */
export function countRowTags(chunk: Uint8Array, state: { rows: number; tail: number[] }): void {
  let bytes = chunk;
  if (state.tail.length && chunk.length < 8) {
    bytes = Uint8Array.of(...state.tail, ...chunk);
  } else if (state.tail.length) {
    // Tags that start in the carried bytes and end in this chunk.
    const joint = Uint8Array.of(...state.tail, ...chunk.subarray(0, 4));
    for (let i = 0; i < state.tail.length; i++) if (isRowTag(joint, i)) state.rows++;
  }
  for (let i = 0; i + 4 < bytes.length; i++) if (bytes[i] === LT && isRowTag(bytes, i)) state.rows++;
  state.tail = Array.from(bytes.subarray(Math.max(0, bytes.length - 4)));
}

function isRowTag(b: Uint8Array, i: number): boolean {
  if (i + 4 >= b.length || b[i] !== LT || b[i + 1] !== R || b[i + 2] !== O || b[i + 3] !== W) return false;
  const next = b[i + 4];
  return next === 0x20 || next === 0x3e || next === 0x2f || next === 0x09 || next === 0x0a || next === 0x0d;
}

/**
 * Checks the workbook's zip (entries, declared and real unpacked size) and the row count of each
 * sheet, unpacking with a running byte count; throws ImportLimitError, or ZipFormatError when the
 * zip is damaged or forged.
 */
export function prescanXlsx(bytes: Uint8Array, limits: ImportLimits): void {
  const budget = unpackBudget(limits);
  const maxRows = limits.IMPORT_MAX_ROWS + SPARE_XLSX_ROWS;
  for (const entry of listZipEntries(bytes, limits)) {
    if (!WORKSHEET.test(entry.name)) {
      inflateEntry(bytes, entry, budget, limits);
      continue;
    }
    const state = { rows: 0, tail: [] as number[] };
    inflateEntry(bytes, entry, budget, limits, (chunk) => {
      countRowTags(chunk, state);
      if (state.rows > maxRows) throw new ImportLimitError('IMPORT_MAX_ROWS', limits.IMPORT_MAX_ROWS, `more than ${maxRows} rows`, tooManyRows(limits.IMPORT_MAX_ROWS));
    });
  }
}

export const tooManyRows = (max: number) => `the ledger has more than ${max} rows (IMPORT_MAX_ROWS); split it into files of at most ${max} rows and import them one by one`;
