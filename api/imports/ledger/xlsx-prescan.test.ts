import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { sharedStringBombXlsx } from '../../test/bombs.ts';
import { DEFAULT_IMPORT_LIMITS } from '../limits.ts';
import { countRowTags, prescanXlsx, SPARE_XLSX_ROWS } from './xlsx-prescan.ts';

const count = (...chunks: string[]) => {
  const state = { rows: 0, tail: [] as number[] };
  for (const c of chunks) countRowTags(strToU8(c), state);
  return state.rows;
};

describe('countRowTags', () => {
  it.each([
    [['<row r="1"><c/></row><row r="2"/>'], 2],
    [['<row>', '<row\n>'], 2],
    [['<rowBreaks count="1"/><row r="1"/>'], 1],
    [['<ro', 'w r="1"/>'], 1],
    [['<r', 'ow', ' r="1"/><row r="2"/>'], 2],
    [['xx<row', ' r="1"/>'], 1],
    [['<sheetData></sheetData>'], 0],
  ])('%j has %i rows', (chunks, rows) => {
    expect(count(...chunks)).toBe(rows);
  });
});

const workbook = (rows: number) =>
  zipSync({
    'xl/worksheets/sheet1.xml': strToU8(`<worksheet><sheetData>${'<row r="1"><c/></row>'.repeat(rows)}</sheetData></worksheet>`),
    'xl/workbook.xml': strToU8('<workbook/>'),
  });

describe('prescanXlsx', () => {
  const limits = { ...DEFAULT_IMPORT_LIMITS, IMPORT_MAX_ROWS: 50 };
  it.each([
    ['at the limit', workbook(50 + SPARE_XLSX_ROWS), null],
    ['over the row limit', workbook(51 + SPARE_XLSX_ROWS), { code: 'import_limit', details: { limit: 'IMPORT_MAX_ROWS' } }],
    [
      'a 400 MB shared string',
      sharedStringBombXlsx({ unpackedBytes: 100 * 1024 * 1024 }),
      { code: 'import_limit', details: { limit: 'IMPORT_MAX_UNPACKED_BYTES', found: expect.any(Number) } },
    ],
  ])('%s', (_what, bytes, error) => {
    const run = () => prescanXlsx(bytes, limits);
    if (!error) return expect(run).not.toThrow();
    expect(run).toThrow();
    try {
      run();
    } catch (e) {
      expect(e).toMatchObject(error);
    }
  });
});
