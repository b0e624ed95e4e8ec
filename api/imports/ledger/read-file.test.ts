import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeText, readCsv, readLedgerFile, UnreadableFileError } from './read-file.ts';

const TEXT = '走访日期,村(社区)\n2025-06-01,银溪村\n';
const utf8 = new TextEncoder().encode(TEXT);

describe('reading ledger files', () => {
  it.each([
    ['UTF-8', utf8, 'utf-8'],
    ['UTF-8 with BOM', new Uint8Array([0xef, 0xbb, 0xbf, ...utf8]), 'utf-8-bom'],
    ['GBK', new Uint8Array(iconv.encode(TEXT, 'gbk')), 'gbk'],
    ['GB18030 (a GBK superset)', new Uint8Array(iconv.encode(TEXT, 'gb18030')), 'gbk'],
  ])('decodes %s text', (_name, bytes, encoding) => {
    expect(decodeText(bytes)).toEqual({ text: TEXT, encoding });
  });

  it('numbers CSV rows as Excel does, blank lines and quoted line breaks included', async () => {
    const csv = '受理日期,纠纷简况\r\n2025-03-01,"两行\r\n简况"\r\n\r\n2025-03-02,x\r\n';
    const sheet = await readLedgerFile(new TextEncoder().encode(csv));
    expect(sheet.rows.map((r) => [r.row, r.cells])).toEqual([
      [1, ['受理日期', '纠纷简况']],
      [2, ['2025-03-01', '两行\r\n简况']],
      [3, [null]],
      [4, ['2025-03-02', 'x']],
      [5, [null]],
    ]);
  });

  it('reads an .xlsx: the first sheet that is not 填写说明, plain values from rich text, formulas and links', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('填写说明').addRow(['说明']);
    const ws = wb.addWorksheet('台账');
    ws.addRow(['受理日期', '村(社区)', '纠纷类型', '联系电话', '当事人']);
    ws.addRow([
      new Date('2025-03-01T00:00:00Z'),
      { richText: [{ text: '银' }, { text: '溪村' }] },
      { formula: '"邻里"&"纠纷"', result: '邻里纠纷' },
      13907341234,
      { text: '张某', hyperlink: 'mailto:x' },
    ]);
    ws.addRow([]);
    ws.addRow(['2025/3/2']);
    const sheet = await readLedgerFile(new Uint8Array(await wb.xlsx.writeBuffer()));
    expect(sheet).toMatchObject({ format: 'xlsx', encoding: null, sheetName: '台账' });
    expect(sheet.rows.map((r) => r.row)).toEqual([1, 2, 4]);
    expect(sheet.rows[1]!.cells).toEqual([new Date('2025-03-01T00:00:00Z'), '银溪村', '邻里纠纷', 13907341234, '张某']);
  });

  it.each([
    ['an empty file', new Uint8Array(0), /empty/],
    ['a legacy .xls', new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0, 0]), /\.xls/],
    ['a damaged .xlsx', new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0, 0]), /cannot be read/],
    ['binary bytes', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]), /neither/],
  ])('refuses %s as unreadable', async (_name, bytes, message) => {
    const err = await readLedgerFile(bytes).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UnreadableFileError);
    expect(err).toMatchObject({ status: 400, code: 'unreadable_file', message: expect.stringMatching(message) });
  });
});

describe('ledger width limit', () => {
  it('refuses a row filling more than IMPORT_MAX_COLUMNS columns, before the rows reach the server', async () => {
    const { DEFAULT_IMPORT_LIMITS } = await import('../limits.ts');
    const wide = [`走访日期,村(社区),民警,走访形式${',x'.repeat(1250)}`, `2025-03-01,银溪村,张三,走访${',a'.repeat(1250)}`].join('\r\n');
    expect(() => readCsv(new TextEncoder().encode(wide), DEFAULT_IMPORT_LIMITS)).toThrow(
      expect.objectContaining({ status: 413, code: 'import_limit', details: expect.objectContaining({ limit: 'IMPORT_MAX_COLUMNS', max: 100, found: 1254 }) }),
    );
    // Trailing empty cells are not columns: Excel's CSV pads rows with commas.
    const padded = [`走访日期,村(社区),民警,走访形式${','.repeat(300)}`, `2025-03-01,银溪村,张三,走访${','.repeat(300)}`].join('\r\n');
    expect(readCsv(new TextEncoder().encode(padded), DEFAULT_IMPORT_LIMITS).rows).toHaveLength(2);
  });
});
