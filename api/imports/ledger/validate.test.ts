import { describe, expect, it } from 'vitest';
import { Places, type Reference } from './places.ts';
import type { Sheet } from './read-file.ts';
import type { DisputeRecord, VisitRecord } from './rows.ts';
import { UnrecognisedLedgerError, validateSheet } from './validate.ts';
import type { Cell } from './values.ts';

const REF: Reference = {
  townships: [
    { code: '430421110', name: '界牌镇' },
    { code: '430421111', name: '渣江镇' },
  ],
  villages: [
    { code: '430421110200', townshipCode: '430421110', name: '银溪村', nbsName: '银溪村委会' },
    { code: '430421110201', townshipCode: '430421110', name: '界牌村', nbsName: '界牌村委会' },
    { code: '430421111200', townshipCode: '430421111', name: '太平村', nbsName: '太平村委会' },
    { code: '430421110300', townshipCode: '430421110', name: '太平村', nbsName: '太平村委会' },
  ],
  officers: [
    { id: 'OF0220', name: '吴伟超', villageCode: '430421110200' },
    { id: 'OF0221', name: '罗湘', villageCode: '430421110201' },
  ],
};
const places = new Places(REF);
const NOW = new Date('2026-11-28T02:00:00Z'); // 10:00 in Asia/Shanghai

const sheet = (rows: Cell[][]): Sheet => ({ format: 'csv', encoding: 'utf-8', sheetName: null, rows: rows.map((cells, i) => ({ row: i + 1, cells })) });
const check = (rows: Cell[][], township: string | null = null, kind: 'disputes' | 'visits' | null = null) =>
  validateSheet(sheet(rows), kind, places, { township: township ? places.townshipOf(township)! : null, now: NOW });
const problems = (v: ReturnType<typeof check>) => v.errors.map((e) => [e.row, e.column, e.problem]);

const D_HEAD = ['受理日期', '乡镇', '村(社区)', '纠纷类型', '调解结果', '办结日期', '当事人', '纠纷简况'];
const disputes = (v: ReturnType<typeof check>) => v.records as DisputeRecord[];

describe('validating a disputes ledger', () => {
  it('finds the header under a title row and keeps Excel row numbers', () => {
    const v = check([['界牌镇矛盾纠纷台账'], [], D_HEAD, ['2025-03-01', '界牌镇', '银溪村', '邻里', '受理']]);
    expect(v).toMatchObject({ kind: 'disputes', rows: 1, errors: [] });
    expect(disputes(v)[0]!.row).toBe(4);
  });

  it('a village name needs a township; the same name in two townships is told apart by it', () => {
    const v = check([
      D_HEAD,
      ['2025-03-01', '', '太平村', '邻里', '受理'],
      ['2025-03-01', '渣江镇', '太平村', '邻里', '受理'],
      ['2025-03-01', '界牌镇', '太平村委会', '邻里', '受理'],
    ]);
    expect(problems(v)).toEqual([[2, '乡镇', '未填写']]);
    expect(disputes(v).map((r) => r.villageCode)).toEqual(['430421111200', '430421110300']);
  });

  it('the township chosen for the import fills an absent 乡镇 column and must agree with a filled one', () => {
    const head = ['受理日期', '村(社区)', '纠纷类型', '调解结果'];
    expect(check([head, ['2025-03-01', '太平村', '邻里', '受理']], '430421111').records).toHaveLength(1);
    const v = check([D_HEAD, ['2025-03-01', '界牌镇', '银溪村', '邻里', '受理'], ['2025-03-01', '', '430421110200', '邻里', '受理']], '430421111');
    expect(problems(v)).toEqual([
      [2, '乡镇', '本次导入的是渣江镇（430421111）的台账'],
      [3, '村(社区)', '该村（社区）属于界牌镇，不属于渣江镇'],
    ]);
  });

  it('办结日期 is required exactly when the case concluded', () => {
    const v = check([
      D_HEAD,
      ['2025-03-01', '界牌镇', '银溪村', '邻里', '成功', ''],
      ['2025-03-01', '界牌镇', '银溪村', '邻里', '调解中', '2025-03-02'],
      ['2025-03-01', '界牌镇', '银溪村', '邻里', '失败', '2025-03-01'],
    ]);
    expect(problems(v)).toEqual([
      [2, '办结日期', '未填写'],
      [3, '办结日期', '调解结果为调处中时不应填办结日期'],
    ]);
    expect(disputes(v)[0]).toMatchObject({ status: '调解失败', receivedAt: '2025-03-01T01:00:00.000Z', concludedAt: '2025-03-01T09:00:00.000Z' });
  });

  it("today's rows: a default hour still to come becomes now; a time typed in the future is an error", () => {
    const v = check([D_HEAD, ['2026-11-28', '界牌镇', '银溪村', '邻里', '成功', '2026-11-28'], ['2026-11-28 11:00', '界牌镇', '界牌村', '邻里', '受理']]);
    expect(problems(v)).toEqual([[3, '受理日期', '这个时间还没到']]);
    expect(disputes(v)[0]).toMatchObject({ receivedAt: '2026-11-28T01:00:00.000Z', concludedAt: NOW.toISOString() });
  });

  it('a case received after 17:00 on the day it concluded concludes when received (the schema orders them)', () => {
    const v = check([D_HEAD, ['2025-03-01 19:30', '界牌镇', '银溪村', '邻里', '成功', '2025-03-01']]);
    expect(disputes(v)[0]).toMatchObject({ receivedAt: '2025-03-01T11:30:00.000Z', mediationStartedAt: '2025-03-01T11:30:00.000Z', concludedAt: '2025-03-01T11:30:00.000Z' });
  });

  it('the client id is the case, not its state: an updated outcome or a moved row keeps it; other content changes it', () => {
    const row = ['2025-03-01', '界牌镇', '银溪村', '邻里', '调解中', '', '张某', '争执'];
    const v = check([D_HEAD, row, ['2025-03-01', '界牌镇', '银溪村委会', '邻里纠纷', '成功', '2025-03-05', '张某', '争执'], [...row.slice(0, 7), '另一件事']]);
    const [a, b, c] = disputes(v).map((r) => r.clientId);
    expect(a).toMatch(/^ledger:[0-9a-f]{64}$/);
    expect(b).toBe(a);
    expect(c).not.toBe(a);
  });

  it('refuses a sheet with no header row, and one whose kind cannot be told', () => {
    expect(() =>
      check([
        ['姓名', '年龄'],
        ['张三', 3],
      ]),
    ).toThrow(UnrecognisedLedgerError);
    expect(() =>
      check([
        ['乡镇', '村(社区)'],
        ['界牌镇', '银溪村'],
      ]),
    ).toThrow(/cannot tell/);
    expect(
      check(
        [
          ['乡镇', '村(社区)'],
          ['界牌镇', '银溪村'],
        ],
        null,
        'visits',
      ).errors.map((e) => e.column),
    ).toEqual(['走访日期', '民警']);
  });

  it('a header without rows is an error, not an empty success', () => {
    expect(problems(check([D_HEAD, [], ['', '  ']]))).toEqual([[2, '', '台账没有数据行']]);
  });
});

describe('validating a visits ledger', () => {
  const V_HEAD = ['走访日期', '乡镇', '村(社区)', '民警', '警号', '走访形式'];
  it("the officer, by name or id, must be the village's linked officer", () => {
    const v = check([
      V_HEAD,
      ['2025-06-01', '界牌镇', '银溪村', '吴伟超', 'of0220', ''],
      ['2025-06-01', '界牌镇', '银溪村', '罗湘', '', '走访'],
      ['2025-06-01', '界牌镇', '界牌村', '', 'OF0220', '走访'],
      ['2025-06-01', '界牌镇', '界牌村', '', '', '走访'],
      ['2025-06-01', '渣江镇', '太平村', '张三', '', '走访'],
    ]);
    expect(problems(v)).toEqual([
      [3, '民警', '不是银溪村的联系干警'],
      [4, '警号', '不是界牌村的联系干警'],
      [5, '民警', '未填写'],
      [6, '村(社区)', '该村（社区）没有联系干警'],
    ]);
    expect(v.errors[0]!.expected).toMatch(/吴伟超（OF0220）/);
    expect(v.records as VisitRecord[]).toEqual([expect.objectContaining({ row: 2, officerId: 'OF0220', kind: '走访', visitedAt: '2025-06-01T01:00:00.000Z' })]);
  });
});

describe('a 专项行动 cell', () => {
  const withCampaigns = (campaigns: { code: string; name: string }[]) => new Places({ ...REF, campaigns });
  const seeded = withCampaigns([
    { code: 'qingyuan', name: '清源断流' },
    { code: 'jingwang', name: '净网' },
  ]);

  it.each<[string, string, string[] | RegExp]>([
    ['a name', '净网', ['jingwang']],
    ['a code in capitals and a full-width separator', 'QINGYUAN，净网', ['jingwang', 'qingyuan']],
    ['one campaign twice', '净网、jingwang', ['jingwang']],
    ['an unknown name', '扫黑', /没有名为 扫黑 的专项行动/],
  ])('%s', (_name, cell, want) => {
    const got = seeded.campaigns(cell);
    if (Array.isArray(want)) expect(got).toEqual({ ok: true, value: want });
    else expect(got.ok ? '' : got.problem).toMatch(want);
  });

  // Made before names were kept apart (the API now refuses both): the cell is a row error, never a guess.
  it.each([
    [
      'a name that is another campaign’s code',
      [
        { code: 'qingyuan', name: '清源断流' },
        { code: 'atk', name: 'qingyuan' },
      ],
      'qingyuan',
    ],
    [
      'two names apart only by a space',
      [
        { code: 'jingwang', name: '净网' },
        { code: 'atk', name: '净 网' },
      ],
      '净网',
    ],
  ])('%s is ambiguous', (_name, campaigns, cell) => {
    const got = withCampaigns(campaigns).campaigns(cell);
    expect(got.ok).toBe(false);
    expect(got.ok ? '' : got.problem).toMatch(/可指多个专项行动（atk、/);
  });
});
