import { describe, expect, it } from 'vitest';
import type { RankingMetric } from '../../api/types.ts';
import { makeI18n } from '../i18n/I18nProvider.tsx';
import { colorScale, type Unit } from '../map/metrics.ts';
import { type BriefingMapFacts, briefingMapLabels, quarterName } from './briefing-map.ts';

const ZH = makeI18n('zh');

// Wednesday 2 Dec 2026, 13:00 Asia/Shanghai: 2026-W49 runs, 2026-W48 is closed.
const running: BriefingMapFacts = {
  metric: 'disputeRate',
  from: '2026-11-30',
  to: '2026-12-06',
  partial: true,
  asOf: '2026-12-02T05:00:00.000Z',
  scope: { level: 'county', code: null, name: '衡阳县' },
  summary: {
    period: { from: '2026-11-30', to: '2026-12-06', asOf: '2026-12-02T05:00:00.000Z', days: 7, partial: true, unit: 'week', until: '2026-12-06T16:00:00.000Z' },
    previousPeriod: { from: '2026-11-23', to: '2026-11-25', asOf: '2026-11-25T05:00:00.000Z', days: 3, partial: false, unit: 'days', until: '2026-11-25T05:00:00.000Z' },
  },
  coverage: { quarterStart: '2026-10-01', quarterEnd: '2026-12-31' },
};
const closed: BriefingMapFacts = {
  ...running,
  from: '2026-11-23',
  to: '2026-11-29',
  partial: false,
  asOf: '2026-11-29T15:59:59.999Z',
  summary: {
    period: { from: '2026-11-23', to: '2026-11-29', asOf: '2026-11-29T15:59:59.999Z', days: 7, partial: false, unit: 'week', until: '2026-11-29T16:00:00.000Z' },
    previousPeriod: { from: '2026-11-16', to: '2026-11-22', asOf: '2026-11-22T15:59:59.999Z', days: 7, partial: false, unit: 'week', until: '2026-11-22T16:00:00.000Z' },
  },
};

/** Two townships: the populous one has more disputes, the small one the higher rate. */
const props = (code: string, population: number, disputes: number) =>
  ({ code, name: code, population, disputes, hazardsOpen: 3, hazardsOverdue: 1, coverageRate: 0.5, mediationSuccessRate: 0.8 }) as unknown as Extract<
    Unit,
    { kind: 'township' }
  >['props'];
const UNITS: Unit[] = [
  { kind: 'township', props: props('big', 100_000, 20) },
  { kind: 'township', props: props('small', 5_000, 5) },
];

describe('briefingMapLabels: heading, legend and colours name one quantity', () => {
  it.each<[RankingMetric, string, string, string | null]>([
    ['disputes', 'disputeRate', '各乡镇每万人纠纷数', '地图按每万人纠纷数着色；排名按矛盾纠纷数（件）'],
    ['disputeRate', 'disputeRate', '各乡镇每万人纠纷数', null],
    ['mediationSuccessRate', 'mediationSuccessRate', '各乡镇调解成功率', null],
    ['hazards', 'hazardsOpen', '各乡镇未办结隐患', '地图按未办结隐患着色；排名按新报隐患（件）'],
    ['hazardsOpen', 'hazardsOpen', '各乡镇未办结隐患', null],
    ['hazardsOverdue', 'hazardsOverdue', '各乡镇超期隐患', null],
    ['coverageRate', 'coverage', '各乡镇民警走访达标率', null],
  ])('metric=%s colours by %s, headed %s', (ranking, mapMetric, heading, note) => {
    const labels = briefingMapLabels({ ...closed, metric: ranking });
    expect(labels).toMatchObject({ metric: mapMetric, heading, note });
    // The legend's title is the scale's, built from the same metric: it starts with the heading's quantity.
    const scale = colorScale(labels.metric, UNITS, ZH, { period: { from: closed.from, to: closed.to }, coveragePeriod: labels.period });
    expect(scale.title?.startsWith(heading.replace('各乡镇', ''))).toBe(true);
  });

  it('colours metric=disputes by the rate its heading names: the small township is the darker', () => {
    const labels = briefingMapLabels({ ...closed, metric: 'disputes' });
    const scale = colorScale(labels.metric, UNITS, ZH, { period: { from: closed.from, to: closed.to } });
    expect(scale.title).toBe('每万人纠纷数（件/万人）');
    const lum = (u: Unit) => scale.colorOf(u).reduce((a, c) => a + c, 0);
    expect(lum(UNITS[1]!)).toBeLessThan(lum(UNITS[0]!));
  });

  it('heads a township briefing by its villages', () => {
    expect(briefingMapLabels({ ...closed, scope: { level: 'township', code: '430421110', name: '洪市镇' } }).heading).toBe('各村（社区）每万人纠纷数');
  });
});

describe('briefingMapLabels: the legend period', () => {
  it('a closed week: its dates', () => expect(briefingMapLabels(closed).legendPeriod).toBe('2026年11月23日至11月29日'));

  it('the running week: up to when, with the header helper words, never its unreached Sunday', () => {
    const p = briefingMapLabels(running).legendPeriod;
    expect(p).toBe('2026年11月30日起 · 截至 12月2日 13:00（本周未完）');
    expect(p).not.toContain('12月6日');
  });

  it.each([
    ['running', running, '2026年第4季度（截至 12月2日 13:00）'],
    ['closed', closed, '2026年第4季度（截至 11月29日 24:00）'],
  ])('coverage, %s week: its quarter, up to the week end or now', (_, facts, text) => {
    const labels = briefingMapLabels({ ...facts, metric: 'coverageRate' });
    expect(labels.legendPeriod).toBe(text);
    expect(labels.period).toEqual({ from: '2026-10-01', to: '2026-12-31' });
  });

  it.each([
    ['2026-01-01', '2026年第1季度'],
    ['2026-04-01', '2026年第2季度'],
    ['2026-07-01', '2026年第3季度'],
    ['2025-10-01', '2025年第4季度'],
  ])('names the quarter from %s as %s', (start, name) => expect(quarterName(start)).toBe(name));
});
