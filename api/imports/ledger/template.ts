import ExcelJS from 'exceljs';
import { addDays, shanghaiDate } from '../../contract/calendar.ts';
import type { Handle } from '../../db/index.ts';
import { sqlFile } from '../../queries/sql.ts';
import { COLUMNS, type LedgerKind } from './columns.ts';
import { HELP_SHEET } from './read-file.ts';

const EXAMPLE_SQL = sqlFile(import.meta.url, 'template-example.sql');

/**
 * The downloadable ledger template: the data sheet with the headers the importer reads, one
 * example row that imports as it is, drop-down lists for the closed vocabularies, and a
 * 填写说明 sheet describing every column.
 */

export const TEMPLATE_FILE_NAMES: Record<LedgerKind, string> = { disputes: '矛盾纠纷台账模板.xlsx', visits: '走访台账模板.xlsx' };
const SHEET_NAMES: Record<LedgerKind, string> = { disputes: '矛盾纠纷台账', visits: '走访台账' };
const DATE_FIELDS = new Set(['receivedDate', 'concludedDate', 'visitDate']);
const TEXT_FIELDS = new Set(['village', 'partyPhone', 'officerId']);
/** Rows that get the drop-down lists; a township ledger rarely has more in one file. */
const LIST_ROWS = 500;

export interface TemplateExample {
  townshipName: string;
  villageName: string;
  officerId: string;
  officerName: string;
  /** A recent date, so the example row passes the "not in the future" check as downloaded. */
  date: string;
}

/** A real village (the first of the township, or of the county) and its officer for the example row. */
export async function templateExample(h: Handle, townshipCode: string | null, now: Date): Promise<TemplateExample> {
  const [row] = await h.query<Omit<TemplateExample, 'date'>>(EXAMPLE_SQL, [townshipCode]);
  if (!row) throw new Error('the database has no villages with officers');
  return { ...row, date: addDays(shanghaiDate(now), -1) };
}

function exampleRow(kind: LedgerKind, ex: TemplateExample): Record<string, string | Date> {
  const day = new Date(`${ex.date}T00:00:00Z`); // exceljs writes a Date's UTC wall time
  const place = { township: ex.townshipName, village: ex.villageName };
  if (kind === 'visits') return { visitDate: day, ...place, officerName: ex.officerName, officerId: ex.officerId, kind: '走访' };
  return {
    receivedDate: day,
    ...place,
    category: '婚姻家庭',
    channel: '人民调解委员会',
    status: '调解成功',
    concludedDate: day,
    mediator: '王调解',
    partyName: '张某',
    partyPhone: '13907340000',
    summary: '示例：夫妻因家庭琐事争吵，经调解达成和解协议（导入前请删除或改写本行）',
  };
}

function addDataSheet(wb: ExcelJS.Workbook, kind: LedgerKind, ex: TemplateExample): void {
  const columns = COLUMNS[kind];
  const ws = wb.addWorksheet(SHEET_NAMES[kind], { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = columns.map((c) => ({
    header: c.header,
    key: c.field,
    width: c.field === 'summary' ? 48 : Math.max(12, c.header.length * 3),
    style: DATE_FIELDS.has(c.field) ? { numFmt: 'yyyy-mm-dd' } : TEXT_FIELDS.has(c.field) ? { numFmt: '@' } : {},
  }));
  const header = ws.getRow(1);
  header.font = { bold: true };
  header.eachCell((cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDCE6F1' } };
  });
  ws.addRow(exampleRow(kind, ex));
  columns.forEach((c, i) => {
    if (!c.allowed) return;
    const column = ws.getColumn(i + 1).letter;
    for (let r = 2; r <= LIST_ROWS; r++) {
      // A warning, not a stop: the importer also accepts synonyms (婚姻家庭纠纷, 调解中...).
      ws.getCell(`${column}${r}`).dataValidation = {
        type: 'list',
        allowBlank: true,
        formulae: [`"${c.allowed.join(',')}"`],
        showErrorMessage: true,
        errorStyle: 'warning',
        error: `可选：${c.allowed.join('、')}`,
      };
    }
  });
}

function addHelpSheet(wb: ExcelJS.Workbook, kind: LedgerKind): void {
  const ws = wb.addWorksheet(HELP_SHEET);
  ws.columns = [
    { header: '列名', key: 'header', width: 12 },
    { header: '是否必填', key: 'rule', width: 36 },
    { header: '可填写的值', key: 'allowed', width: 44 },
    { header: '说明', key: 'help', width: 70 },
    { header: '也可用的列名', key: 'synonyms', width: 40 },
  ];
  ws.getRow(1).font = { bold: true };
  for (const c of COLUMNS[kind]) {
    ws.addRow({ header: c.header, rule: c.rule, allowed: c.allowed?.join('、') ?? '', help: c.help, synonyms: c.synonyms.join('、') });
  }
  ws.addRow({});
  for (const line of [
    '第 1 行为表头，请勿改动；每行一条记录，第 2 行是示例，导入前请删除或改写。',
    '整个文件要么全部导入，要么一行也不导入：有任何一行有误时，系统会逐行列出问题（行号即 Excel 中的行号）。',
    '同一文件重复导入不会产生重复记录；台账没有坐标，地图上按所在村（社区）的中心位置显示。',
    '可保存为 .xlsx，或另存为 CSV（UTF-8 或 Excel 默认的 GBK 编码均可）。',
  ])
    ws.addRow({ header: line });
}

export async function buildTemplate(kind: LedgerKind, example: TemplateExample): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '衡阳县政法综治态势';
  addDataSheet(wb, kind, example);
  addHelpSheet(wb, kind);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

/** `Content-Disposition` for a download whose name is Chinese: ASCII fallback plus RFC 5987 `filename*`. */
export function attachmentDisposition(fileName: string, asciiFallback: string): string {
  const encoded = encodeURIComponent(fileName).replace(/['()*!]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${asciiFallback}"; filename*=UTF-8''${encoded}`;
}
