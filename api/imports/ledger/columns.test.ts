import { describe, expect, it } from 'vitest';
import { detectKind, mapHeaders, normaliseHeader } from './columns.ts';

describe('ledger headers', () => {
  it.each([
    ['村(社区)', '村社区'],
    ['村（社区）', '村社区'],
    [' 村 ( 社区 ) ', '村社区'],
    ['村\u3000社区', '村社区'],
    ['*受理日期', '受理日期'],
    ['受理日期（必填）', '受理日期'],
    ['纠纷类型：', '纠纷类型'],
    ['【调解结果】', '调解结果'],
  ])('normalises %j to %j', (header, key) => {
    expect(normaliseHeader(header)).toBe(key);
  });

  it.each([
    [
      'disputes',
      ['受理时间', '乡镇名称', '村名', '纠纷类别', '调处结果', '结案日期', '调解人', '申请人', '手机号码', '案情简介'],
      ['receivedDate', 'township', 'village', 'category', 'status', 'concludedDate', 'mediator', 'partyName', 'partyPhone', 'summary'],
    ],
    ['visits', ['走访时间', '所属乡镇', '村（社区）', '干警', '干警编号', '活动形式'], ['visitDate', 'township', 'village', 'officerName', 'officerId', 'kind']],
  ] as const)('maps the synonyms of a %s ledger to their fields', (kind, headers, fields) => {
    const m = mapHeaders(kind, headers);
    expect([...m.columns.keys()]).toEqual(fields);
    expect(m.ignored).toEqual([]);
  });

  it('keeps the header as written, lists unknown headers, and flags a field given twice', () => {
    const m = mapHeaders('disputes', ['序号', '受理日期', '村（社区）', '村名', '', '备注']);
    expect(m.columns.get('village')).toEqual({ index: 2, header: '村（社区）' });
    expect(m.ignored).toEqual(['序号', '备注']);
    expect(m.repeated).toEqual([{ index: 3, header: '村名', field: 'village' }]);
  });

  it.each([
    [['受理日期', '村(社区)', '纠纷类型', '调解结果'], 'disputes'],
    [['走访日期', '村(社区)', '民警'], 'visits'],
    [['日期', '村', '警号', '形式'], 'visits'],
    [['乡镇', '村(社区)'], null],
    [['姓名', '年龄'], null],
  ] as const)('detects the kind of %j as %s', (headers, kind) => {
    expect(detectKind(headers)).toBe(kind);
  });
});
