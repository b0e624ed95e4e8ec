import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { caseFilterFields, caseFilterQuery, caseFilterShape, filterQuery } from './case-filter.ts';

const issues = (r: { success: boolean; error?: z.ZodError }) => Object.fromEntries((r.error?.issues ?? []).map((i) => [i.path.join('.') || '(root)', i.code]));

describe('case filter contract', () => {
  it('parses the whole filter: lists split, dates kept', () => {
    expect(caseFilterQuery.parse({ from: '2026-01-01', to: '2026-01-31', township: '430421110', category: '邻里纠纷, 消防', status: '受理', campaign: 'jingwang' })).toEqual({
      from: '2026-01-01',
      to: '2026-01-31',
      township: '430421110',
      category: ['邻里纠纷', '消防'],
      status: ['受理'],
      campaign: 'jingwang',
    });
  });

  it.each([
    [{ from: '2026-02-01', to: '2026-01-01' }, { from: 'custom' }],
    [{ from: '2000-01-01', to: '2010-12-31' }, { to: 'custom' }],
    [{ from: '1999-12-31' }, { from: 'custom' }],
    [{ township: '43042111' }, { township: 'invalid_format' }],
    [{ category: '没有这类' }, { 'category.0': 'invalid_value' }],
    [{ colour: 'red' }, { '(root)': 'unrecognized_keys' }],
    [{ campaign: 'JingWang' }, { campaign: 'invalid_format' }],
    [{ campaign: '净网' }, { campaign: 'invalid_format' }],
    [{ campaign: 'jingwang,yunjian' }, { campaign: 'invalid_format' }],
    [{ campaign: `j${'a'.repeat(32)}` }, { campaign: 'invalid_format' }],
  ])('refuses %j', (query, expected) => {
    expect(issues(caseFilterQuery.safeParse(query))).toEqual(expected);
  });

  it('lets a route take some of the fields and add its own, still strict and with the period rules', () => {
    const q = filterQuery({ ...caseFilterFields('from', 'to'), interval: z.enum(['week', 'month']).default('week') });
    expect(q.parse({ from: '2026-01-01' })).toEqual({ from: '2026-01-01', interval: 'week' });
    expect(issues(q.safeParse({ township: '430421110' }))).toEqual({ '(root)': 'unrecognized_keys' });
    expect(issues(q.safeParse({ from: '2026-02-01', to: '2026-01-01' }))).toEqual({ from: 'custom' });
    expect(Object.keys(filterQuery({ ...caseFilterShape, extra: z.string().optional() }).shape)).toEqual([...Object.keys(caseFilterShape), 'extra']);
  });
});
