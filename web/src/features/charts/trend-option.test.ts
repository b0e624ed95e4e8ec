import { describe, expect, it } from 'vitest';
import { makeI18n } from '../i18n/I18nProvider.tsx';
import { daysCovered, selectedBuckets, splitPartial, trendOption } from './trend-option.ts';

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

describe('selectedBuckets', () => {
  const weeks = [
    { start: '2026-11-16', end: '2026-11-22' },
    { start: '2026-11-23', end: '2026-11-29' },
    { start: '2026-11-30', end: '2026-12-02' },
  ];
  it.each<[string, { from: string; to: string } | null, boolean[]]>([
    ['no selection', null, [false, false, false]],
    ['a running week', { from: '2026-11-30', to: '2026-12-02' }, [false, false, true]],
    ['last week', { from: '2026-11-23', to: '2026-11-29' }, [false, true, false]],
    ['one day', { from: '2026-11-22', to: '2026-11-22' }, [true, false, false]],
    ['a month starting on a Sunday', { from: '2026-11-22', to: '2026-12-02' }, [true, true, true]],
  ])('%s', (_n, selected, expected) => expect(selectedBuckets(weeks, selected)).toEqual(expected));

  it('takes a bucket without an end as a whole week', () => {
    expect(selectedBuckets([{ start: '2026-11-16' }], { from: '2026-11-22', to: '2026-11-22' })).toEqual([true]);
  });
});

describe('trendOption with a selected period', () => {
  // 本周 on a Wednesday, asked with the weeks before it.
  const points = [
    { start: '2026-11-16', end: '2026-11-22', disputes: 4, hazards: 9 },
    { start: '2026-11-23', end: '2026-11-29', disputes: 6, hazards: 8 },
    { start: '2026-11-30', end: '2026-12-02', disputes: 1, hazards: 2 },
  ];
  type Option = {
    legend: { data: string[] };
    yAxis: { show?: boolean; min?: number; max?: number }[];
    series: { name: string; type: string; yAxisIndex?: number; data: (number | null)[]; tooltip?: { show: boolean } }[];
    tooltip: { formatter: (p: { dataIndex: number }[]) => string };
  };

  it('shades the selected weeks on a hidden 0..1 axis, outside the legend and the tooltip', () => {
    const option = trendOption(points, makeI18n('zh'), 'dark', { selected: { from: '2026-11-30', to: '2026-12-02' } }) as Option;
    const band = option.series[0]!;
    expect(band).toMatchObject({ name: '所选期间', type: 'bar', yAxisIndex: 1, data: [null, null, 1], tooltip: { show: false } });
    expect(option.yAxis[1]).toMatchObject({ min: 0, max: 1, show: false });
    expect(option.legend.data).toEqual(['矛盾纠纷', '风险隐患']);
    // The measures' lines are unchanged: two per measure after the band.
    expect(option.series.slice(1).map((s) => s.type)).toEqual(['line', 'line', 'line', 'line']);
    expect(option.tooltip.formatter([{ dataIndex: 2 }])).toContain('所选期间内');
    expect(option.tooltip.formatter([{ dataIndex: 1 }])).not.toContain('所选期间');
  });

  it('draws no band when nothing is selected or the selection is every week shown', () => {
    for (const selected of [undefined, null, { from: '2026-11-16', to: '2026-12-02' }]) {
      const option = trendOption(points, makeI18n('en'), 'light', { selected }) as Option;
      expect(option.series.every((s) => s.type === 'line')).toBe(true);
      expect(option.yAxis).toHaveLength(1);
    }
  });

  it('names the band in English', () => {
    const option = trendOption(points, makeI18n('en'), 'light', { selected: { from: '2026-11-23', to: '2026-11-29' } }) as Option;
    expect(option.series[0]).toMatchObject({ name: 'Selected period', data: [null, 1, null] });
  });
});
