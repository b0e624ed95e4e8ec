import { describe, expect, it } from 'vitest';
import { nonCaseRow, skippedNote } from './footer-rows.ts';
import type { Cell } from './values.ts';

describe('nonCaseRow', () => {
  it.each<[string, Cell[], 'total' | 'signature' | 'note' | null]>([
    ['合计 in one merged cell', ['合计：共5件，成功3件'], 'total'],
    ['合计 label with counts beside it', ['合计', null, null, '5件', '成功3件'], 'total'],
    ['合 计 with a space, and a number', ['合 计', 5], 'total'],
    ['小计 per village', [null, '小计', '3'], 'total'],
    ['signature labels with their values', ['制表人：张三', null, '审核人：李四', '日期：2025年3月31日'], 'signature'],
    ['signature labels and names in separate cells', ['制表人', '张三', '审核人', '李四'], 'signature'],
    ['填报单位 line with its date', ['填报单位：界牌镇综治中心', '填报日期：2025-03-31'], 'signature'],
    ['(盖章)', ['（盖章）'], 'signature'],
    ['a trailing note', ['注：1. 本表每月5日前报送县委政法委。'], 'note'],
    ['备注 with text', ['备注：调解中的案件下月续报'], 'note'],
    // Case rows: never skipped, whatever their first cell says.
    ['a case row', [1, '2025-03-01', '界牌镇', '银溪村', '婚姻家庭纠纷', '调委会', '成功'], null],
    ['a case whose type starts like a total', ['合同纠纷', '2025-03-01', '银溪村'], null],
    ['合计 beside case data', ['合计', '2025-03-01', '界牌镇', '银溪村', '邻里纠纷'], null],
    ['a signature label beside a village and a dispute type', ['审核人：李四', '银溪村', '婚姻家庭纠纷'], null],
    ['a note beside case data', ['注：转派', '2025-03-02', '界牌村', '邻里'], null],
    ['a date on its own', [new Date('2025-03-01T00:00:00Z')], null],
    ['an empty row', [null, ''], null],
  ])('%s', (_label, cells, kind) => {
    expect(nonCaseRow(9, cells)?.kind ?? null).toBe(kind);
  });

  it('clips what it echoes', () => {
    const r = nonCaseRow(3, [`注：${'很长'.repeat(100)}`]);
    expect(r!.text.length).toBeLessThan(100);
  });

  it('names the rows skipped in the report note', () => {
    expect(skippedNote([])).toBeNull();
    expect(
      skippedNote([
        { row: 12, kind: 'total', text: '合计 共5件' },
        { row: 14, kind: 'signature', text: '制表人：张三' },
      ]),
    ).toBe('skipped 2 rows that are not a case (已跳过非案件行): row 12 合计/小计 (合计 共5件); row 14 签字栏 (制表人：张三)');
  });
});
