import { describe, expect, it } from 'vitest';
import { makeI18n } from '../i18n/I18nProvider.tsx';
import { COVERAGE_COLORS, NO_DATA_COLOR } from './color-scales.ts';
import { colorScale, formatMetric, per1000, type TownshipProps, type Unit, type VillageProps } from './metrics.ts';

const zh = makeI18n('zh');
const en = makeI18n('en');

function village(p: Partial<VillageProps>): Unit {
  return {
    kind: 'village',
    props: {
      code: '430421110200',
      name: '银溪村',
      townshipCode: '430421110',
      townshipName: '界牌镇',
      kind: '村',
      population: 2000,
      boundarySource: 'generated',
      labelPoint: [112.5, 27.2],
      disputes: 10,
      disputesOpen: 1,
      mediationSuccessRate: 0.95,
      hazards: 20,
      hazardsOpen: 2,
      hazardsOverdue: 0,
      visitsThisQuarter: 3,
      coverageStatus: 'met',
      lastVisitAt: '2026-11-19',
      ...p,
    } as VillageProps,
  };
}

function township(p: Partial<TownshipProps>): Unit {
  return {
    kind: 'township',
    props: {
      code: '430421110',
      name: '界牌镇',
      kind: '镇',
      boundarySource: 'generated',
      seat: [112.5, 27.2],
      villageCount: 16,
      population: 50000,
      disputes: 300,
      disputesOpen: 10,
      mediationSuccessRate: 0.98,
      hazards: 600,
      hazardsOpen: 12,
      hazardsOverdue: 1,
      coverage: { met: 8, atRisk: 8, missed: 0 },
      coverageRate: 0.5,
      ...p,
    } as TownshipProps,
  };
}

describe('per1000', () => {
  it.each([
    [10, 2000, 5],
    [0, 500, 0],
    [3, 0, null],
  ])('%s cases in %s residents -> %s', (c, p, r) => expect(per1000(c, p)).toBe(r));
});

describe('colorScale', () => {
  it('dispute rate: five quantile classes of the units on screen, counts per class, darker is worse', () => {
    const units = [2, 4, 6, 8, 10, 12, 14, 16, 18, 20].map((d, i) => village({ code: String(i), disputes: d, population: 1000 }));
    const s = colorScale('disputeRate', units, zh);
    expect(s.categorical).toBe(false);
    expect(s.classes.map((c) => c.count)).toEqual([2, 2, 2, 2, 2]);
    expect(s.classes[0]!.label).toBe('< 5.6');
    expect(s.classes[4]!.label).toBe('≥ 16.4');
    expect(s.colorOf(units[0]!)).toEqual(s.classes[0]!.color);
    expect(s.colorOf(units[9]!)).toEqual(s.classes[4]!.color);
  });

  it('a unit without a value is drawn as "no data" and counted in its own class', () => {
    const units = [village({ mediationSuccessRate: 0.9 }), village({ mediationSuccessRate: 1 }), village({ mediationSuccessRate: null })];
    const s = colorScale('mediationSuccessRate', units, zh);
    expect(s.colorOf(units[2]!)).toEqual(NO_DATA_COLOR);
    expect(s.classes.at(-1)).toMatchObject({ label: '无数据', count: 1 });
  });

  it('success rate: low is bad, so the lowest class gets the darkest colour', () => {
    const units = [0.8, 0.85, 0.9, 0.95, 1].map((r) => village({ mediationSuccessRate: r }));
    const s = colorScale('mediationSuccessRate', units, zh);
    const lum = ([r, g, b]: number[]) => 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
    expect(lum(s.classes[0]!.color)).toBeLessThan(lum(s.classes.at(-1)!.color));
    expect(s.classes[0]!.label).toMatch(/%$/);
  });

  it('open hazards are counts: closed integer ranges', () => {
    const units = [0, 0, 0, 1, 1, 2, 3, 5, 8, 13].map((n) => village({ hazardsOpen: n }));
    expect(colorScale('hazardsOpen', units, en).classes.map((c) => c.label)).toEqual(['0', '1', '2–5', '6–9', '≥ 10']);
  });

  it('village coverage is a status with its three colours; township coverage is a rate', () => {
    const villages = [village({ coverageStatus: 'met' }), village({ coverageStatus: 'at_risk' }), village({ coverageStatus: 'at_risk' })];
    const s = colorScale('coverage', villages, zh, 3);
    expect(s.categorical).toBe(true);
    expect(s.classes.map((c) => [c.label, c.count])).toEqual([
      ['达标（本季度≥3次）', 1],
      ['有风险（按走访节奏仍可达标）', 2],
      ['未达标（本季度已无法达标）', 0],
    ]);
    expect(s.colorOf(villages[1]!)).toEqual(COVERAGE_COLORS.at_risk);
    const t = colorScale('coverage', [township({ coverageRate: 0.3 }), township({ coverageRate: 0.9 })], zh);
    expect(t.categorical).toBe(false);
  });
});

describe('formatMetric', () => {
  it.each<[Parameters<typeof formatMetric>[0], Unit, 'zh' | 'en', string]>([
    ['disputeRate', village({ disputes: 11, population: 2000 }), 'zh', '5.5 件/千人'],
    ['disputeRate', village({ disputes: 11, population: 2000 }), 'en', '5.5 cases per 1,000'],
    ['hazardsOverdue', township({ hazardsOverdue: 3 }), 'zh', '3 件'],
    ['mediationSuccessRate', village({ mediationSuccessRate: 0.9123 }), 'en', '91.2%'],
    ['mediationSuccessRate', village({ mediationSuccessRate: null }), 'en', 'No data'],
    ['coverage', village({ coverageStatus: 'missed' }), 'zh', '未达标（本季度已无法达标）'],
    ['coverage', township({ coverageRate: 0.5 }), 'zh', '50.0%'],
  ])('%s -> %s', (metric, unit, lang, out) => expect(formatMetric(metric, unit, makeI18n(lang))).toBe(out));
});
