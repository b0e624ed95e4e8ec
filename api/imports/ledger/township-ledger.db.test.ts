import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { rolledBack } from '../../test/rollback.ts';
import { backend, type TestDb } from '../../test/test-db.ts';
import { importLedger } from './import.ts';
import { sharedDbUnchanged } from './test-support.ts';

/**
 * A ledger as a township keeps it: a title row, a 填报单位 line, the header, the cases, a blank
 * row, a 合计 row ("共5件，成功3件") and the signature lines, then a note. The cases import; the
 * rest is skipped and named in the report; a case row is never skipped.
 */
// Every import here runs in a rolled-back transaction: the shared database stays as it was.
const shared = sharedDbUnchanged();
let t: TestDb;
beforeAll(() => {
  t = shared();
});

type Row = (string | number | Date | null)[];
const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
const HEADER: Row = ['序号', '受理日期', '乡镇', '村（社区）', '纠纷类型', '受理渠道', '调解结果', '办结日期', '调解员', '当事人', '联系电话', '纠纷简况'];
const CASES: Row[] = [
  [1, day('2025-03-01'), '界牌镇', '银溪村', '婚姻家庭纠纷', '调委会', '成功', day('2025-03-04'), '王明', '张某某', 13907341234, '夫妻因赡养老人发生争执'],
  [2, '2025/3/5', '界牌镇', '界牌村', '邻里', '综治中心', '成功', '2025-03-09', '李华', '刘某', '0734-8123456', '宅前排水沟堵塞引发争执'],
  [3, '2025年3月8日', '界牌镇', '蟠龙村', '劳资纠纷', null, '待调解', null, null, '陈某', null, '工地拖欠工资'],
  [4, day('2025-03-12'), '界牌镇', '银溪村', '合同债务', '人民调解委员会', '成功', '2025-03-20', '王明', '周某', null, '借款逾期未还'],
  [5, day('2025-03-18'), '界牌镇', '桂花台社区', '山林权属', '好人调解室', '调解中', null, '李华', '谢某', null, '山界争议'],
];
const ABOVE: Row[] = [['界牌镇矛盾纠纷排查调处台账（2025年3月）'], ['填报单位：界牌镇综治中心', null, null, null, null, null, null, null, '填报时间：2025年3月31日']];
const BELOW: Row[] = [
  [],
  ['合计', null, null, null, null, null, '共5件，成功3件'],
  ['制表人：张三', null, null, null, '审核人：李四', null, null, null, '日期：2025年3月31日'],
  ['注：本表每月5日前报送县委政法委。'],
];

async function workbook(rows: Row[]): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('3月台账');
  for (const r of rows) ws.addRow(r);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}
const csv = (rows: Row[]) =>
  new TextEncoder().encode(`\uFEFF${rows.map((r) => r.map((c) => (c instanceof Date ? c.toISOString().slice(0, 10) : (c ?? ''))).join(',')).join('\r\n')}`);

const run = (bytes: Uint8Array, fileName: string) =>
  rolledBack(t.db, (h) => importLedger(h, { bytes, fileName, kind: null, townshipCode: '430421110', dryRun: false, now: t.now }));

describe(`a township's own ledger layout (${backend})`, () => {
  it.each([
    ['.xlsx', async () => workbook([...ABOVE, HEADER, ...CASES, ...BELOW])],
    ['CSV (UTF-8 with BOM)', async () => csv([...ABOVE, HEADER, ...CASES, ...BELOW])],
  ])('%s: title, 填报单位, cases, 合计 and signature rows: the 5 cases import, the rest is skipped with a note', async (_label, make) => {
    const report = await run(await make(), '界牌镇3月台账');
    expect(report.errors).toEqual([]);
    expect(report.rows).toBe(5);
    expect(report.inserted).toBe(5);
    expect(report.applied).toBe(true);
    const note = report.notes.find((n) => n.startsWith('skipped 3 rows'));
    expect(note).toMatch(/合计\/小计 \(合计 共5件，成功3件\); row \d+ 签字栏 \(制表人：张三 审核人：李四 日期：2025年3月31日\); row \d+ 注释 \(注：本表/);
  });

  it('a case row after the 合计 is read as a case, not skipped: a bad one rejects the file', async () => {
    const late: Row = [6, '2025-03-30', '界牌镇', '不存在村', '邻里', null, '受理', null, null, '赵某', null, '合计后补录'];
    const report = await run(await workbook([...ABOVE, HEADER, ...CASES, ...BELOW.slice(0, 2), late, ...BELOW.slice(2)]), 'late.xlsx');
    expect(report.rows).toBe(6);
    expect(report.applied).toBe(false);
    expect(report.errors).toEqual([expect.objectContaining({ row: 11, value: '不存在村' })]);
  });

  it('a row that only looks like a signature but holds case data is validated, not skipped', async () => {
    const odd: Row = [6, '2025-03-30', '界牌镇', '界牌村', '邻里', null, '受理', null, '审核人：李四', '赵某', null, '补录'];
    const report = await run(await workbook([HEADER, ...CASES, odd]), 'odd.xlsx');
    expect(report.rows).toBe(6);
    expect(report.inserted).toBe(6);
    expect(report.notes.some((n) => n.startsWith('skipped'))).toBe(false);
  });

  it('a cell with a bidirectional control character (U+202E) rejects its row', async () => {
    const evil: Row = [6, '2025-03-30', '界牌镇', '界牌村', '邻里', null, '受理', null, null, '赵\u202E某', null, '补录'];
    const report = await run(await workbook([HEADER, ...CASES, evil]), 'bidi.xlsx');
    expect(report.applied).toBe(false);
    expect(report.errors).toEqual([expect.objectContaining({ row: 7, column: '当事人', problem: '含有双向控制字符' })]);
  });

  it('合计 written in a required column (受理日期) with the counts in another (调解结果) is still skipped', async () => {
    const rows: Row[] = [
      ['受理日期', '乡镇', '村（社区）', '纠纷类型', '受理渠道', '调解结果'],
      ['2025-03-10', '界牌镇', '银溪村', '邻里纠纷', '综治中心', '受理'],
      [],
      ['合计', null, null, null, null, '共1件，成功0件'],
      ['制表人：张三', null, null, '审核人：李四'],
    ];
    const report = await run(csv(rows), 'csv-footer.csv');
    expect(report.errors).toEqual([]);
    expect(report.rows).toBe(1);
    expect(report.skipped.map((r) => r.kind)).toEqual(['total', 'signature']);
  });

  it('a row filling the required columns is a case even when its other cells read like signatures', async () => {
    const header: Row = ['备注', '受理日期', '说明', '村（社区）', '签字', '纠纷类型', '调解结果'];
    const row: Row = ['负责人签字', '2025-03-05', '签字', '银溪村', '签字', '邻里', '受理'];
    const report = await run(await workbook([header, row]), 'sig.xlsx');
    expect(report.rows).toBe(1);
    expect(report.skipped).toEqual([]);
    expect(report.inserted).toBe(1);
  });
});
