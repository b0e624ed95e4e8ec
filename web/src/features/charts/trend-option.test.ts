import { describe, expect, it } from 'vitest';
import { makeI18n } from '../i18n/I18nProvider.tsx';
import { daysCovered, splitPartial, trendOption } from './trend-option.ts';

describe('daysCovered', () => {
  it.each([
    [{ start: '2026-11-23', end: '2026-11-29' }, undefined, 7],
    [{ start: '2026-11-30', end: '2026-11-30' }, undefined, 1],
    [{ start: '2025-11-29', end: '2025-11-30' }, undefined, 2],
    [{ start: '2026-11-23' }, '2026-11-25', 3], // a village's current week, as of Wednesday
    [{ start: '2026-11-16' }, '2026-11-25', 7],
    [{ start: '2026-11-23' }, undefined, 7],
  ])('%j as of %s -> %s days', (p, asOf, days) => expect(daysCovered(p, asOf)).toBe(days));
});

describe('splitPartial', () => {
  it.each<[string, number[], boolean[], (number | null)[], (number | null)[]]>([
    ['all whole weeks', [1, 2, 3], [false, false, false], [1, 2, 3], [null, null, null]],
    ['partial last week', [5, 6, 2], [false, false, true], [5, 6, null], [null, 6, 2]],
    ['partial first and last', [1, 5, 6, 2], [true, false, false, true], [null, 5, 6, null], [1, 5, 6, 2]],
    ['one partial week alone', [3], [true], [null], [3]],
  ])('%s', (_n, values, partial, solid, dashed) => expect(splitPartial(values, partial)).toEqual({ solid, dashed }));
});

describe('trendOption', () => {
  it('draws each measure once in the legend, its partial weeks dashed', () => {
    const points = [
      { start: '2026-11-09', end: '2026-11-15', disputes: 4, hazards: 9 },
      { start: '2026-11-16', end: '2026-11-22', disputes: 6, hazards: 8 },
      { start: '2026-11-23', end: '2026-11-25', disputes: 1, hazards: 2 },
    ];
    const option = trendOption(points, makeI18n('zh'), 'light') as {
      legend: { data: string[] };
      series: { name: string; data: (number | null)[]; lineStyle: { type?: string } }[];
    };
    expect(option.legend.data).toEqual(['矛盾纠纷', '风险隐患']);
    expect(option.series).toHaveLength(4);
    expect(option.series[0]!.data).toEqual([4, 6, null]);
    expect(option.series[1]).toMatchObject({ name: '矛盾纠纷', data: [null, 6, 1], lineStyle: { type: 'dashed' } });
  });
});
