import { describe, expect, it } from 'vitest';
import { makeI18n } from '../i18n/I18nProvider.tsx';
import { COVERAGE_COLORS, NO_DATA_COLOR } from './color-scales.ts';
import { colorScale, formatMetric, type TownshipProps, type Unit, type VillageProps } from './metrics.ts';

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

const WEEK = { from: '2026-11-23', to: '2026-11-29' };

describe('colorScale', () => {
  it('dispute rate: five classes of the units on screen, counts per class, darker is worse', () => {
    const units = [2, 4, 6, 8, 10, 12, 14, 16, 18, 20].map((d, i) => village({ code: String(i), disputes: d, population: 1000 }));
    const s = colorScale('disputeRate', units, zh);
    expect(s.categorical).toBe(false);
    expect(s.classes.map((c) => c.count)).toEqual([2, 2, 2, 2, 2]);
    expect(s.classes.map((c) => c.label)).toEqual(['< 5.0', '5.0–10.0', '10.0–14.0', '14.0–18.0', '≥ 18.0']);
    expect(s.title).toBe('每千人纠纷数（件/千人）');
    expect(s.period).toBeNull();
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
    const units = [0, 0, 0, 1, 1, 2, 3, 5, 8, 13, 21].map((n) => village({ hazardsOpen: n }));
    expect(colorScale('hazardsOpen', units, en).classes.map((c) => c.label)).toEqual(['0', '1', '2–4', '5–9', '≥ 10']);
  });

  it('fewer than 8 distinct values: one class per value, named by the value', () => {
    const units = [0, 0, 0, 1, 1, 2, 3, 5, 8, 13].map((n) => village({ hazardsOpen: n }));
    const s = colorScale('hazardsOpen', units, en);
    expect(s.classes.map((c) => [c.label, c.count])).toEqual([
      ['0', 3],
      ['1', 2],
      ['2', 1],
      ['3', 1],
      ['5', 1],
      ['8', 1],
      ['13', 1],
    ]);
  });

  it('a week at county scale: per 10,000, at least 4 non-empty classes, the unit and the period in the title', () => {
    // 25 townships of 20,000-80,000 residents with 2-30 disputes in a week: per 1,000 they were all 0.0-0.4.
    const units = Array.from({ length: 25 }, (_, i) => township({ code: String(i), population: 20000 + ((i * 7919) % 60000), disputes: 2 + ((i * 13) % 29) }));
    const s = colorScale('disputeRate', units, zh, { period: WEEK });
    expect(s.title).toBe('每万人纠纷数（件/万人）');
    expect(s.period).toBe('2026年11月23日至11月29日');
    expect(s.classes.length).toBe(5);
    expect(s.classes.every((c) => c.count > 0)).toBe(true);
    expect(new Set(s.classes.map((c) => c.label)).size).toBe(5);
    for (const c of s.classes) {
      const [lo, hi] = c.label.split('–');
      if (hi !== undefined) expect(lo).not.toBe(hi);
    }
    expect(colorScale('disputeRate', units, en, { period: WEEK }).title).toBe('Disputes per 10,000 residents (cases per 10,000)');
  });

  it('all zeros: one class, not a class per break', () => {
    const units = [1, 2, 3].map((i) => village({ code: String(i), disputes: 0 }));
    expect(colorScale('disputeRate', units, zh, { period: WEEK }).classes.map((c) => [c.label, c.count])).toEqual([['0.0', 3]]);
  });

  it('coverage states its own period (the hook), not the one of the header', () => {
    const t = [township({ coverageRate: 0.3 }), township({ coverageRate: 0.9 })];
    expect(colorScale('coverage', t, zh, { period: WEEK }).period).toBeNull();
    expect(colorScale('coverage', t, zh, { period: WEEK, coveragePeriod: { from: '2026-10-01', to: '2026-11-29' } }).period).toBe('2026年10月1日至11月29日');
  });

  it('village coverage is a status with its three colours; township coverage is a rate', () => {
    const villages = [village({ coverageStatus: 'met' }), village({ coverageStatus: 'at_risk' }), village({ coverageStatus: 'at_risk' })];
    const s = colorScale('coverage', villages, zh, 3);
    expect(s.categorical).toBe(true);
    expect(s.classes.map((c) => [c.label, c.count])).toEqual([
      ['达标（本季度≥3次）', 1],
      ['有风险（按走访节奏仍可达标）', 2],
      ['未达标（预计本季度无法达标）', 0],
    ]);
    expect(s.colorOf(villages[1]!)).toEqual(COVERAGE_COLORS.at_risk);
    const t = colorScale('coverage', [township({ coverageRate: 0.3 }), township({ coverageRate: 0.9 })], zh);
    expect(t.categorical).toBe(false);
  });
});

/** Whether the number at the start of a tooltip's text lies in a legend label, read half-open. */
function labelHolds(label: string, tooltip: string): boolean {
  const read = (t: string) => Number(t.replace(/[%,]/g, ''));
  const v = read(tooltip.split(' ')[0]!);
  if (label.startsWith('< ')) return v < read(label.slice(2));
  if (label.startsWith('≥ ')) return v >= read(label.slice(2));
  const [lo, hi] = label.split('–');
  return hi === undefined ? read(lo!) === v : read(lo!) <= v && v < read(hi);
}

describe('colorScale: the tooltip value lies in the label of the colour the map paints', () => {
  const rates = [5.1, 5.6, 6.1, 6.6, 6.8, 7.18, 7.25, 7.7, 8.2, 8.9];
  const shares = [0.1, 0.15, 0.2, 0.25, 0.2996, 0.3, 0.35, 0.4, 0.5];
  it.each<[string, 'disputeRate' | 'mediationSuccessRate', Unit[], string]>([
    ['7.18 per 1,000, shown as 7.2', 'disputeRate', rates.map((r, i) => village({ code: String(i), disputes: r * 100, population: 100000 })), '7.2 件/千人'],
    ['a success rate of 29.96%, shown as 30.0%', 'mediationSuccessRate', shares.map((r) => village({ mediationSuccessRate: r })), '30.0%'],
  ])('%s', (_name, metric, units, shown) => {
    const s = colorScale(metric, units, zh);
    const texts = units.map((u) => formatMetric(metric, u, zh));
    expect(texts).toContain(shown);
    for (const [i, u] of units.entries()) {
      const cls = s.classes.find((c) => c.color.join() === s.colorOf(u).join())!;
      expect(labelHolds(cls.label, texts[i]!), `${texts[i]} painted as "${cls.label}"`).toBe(true);
    }
  });
});

describe('colorScale: each unit counted once', () => {
  it('a silent village is the hatch row’s, not a class’s or "no data"’s; it keeps its colour under the hatch', () => {
    const counted = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((d, i) => village({ code: String(i), disputes: d, population: 1000 }));
    const silentZero = village({ code: 's1', disputes: 0, silent: true });
    const units = [...counted, silentZero, village({ code: 's2', population: 0, silent: true }), village({ code: 'n', population: 0 })];
    const s = colorScale('disputeRate', units, zh);
    expect(s.classes.reduce((n, c) => n + c.count, 0)).toBe(units.length - 2);
    expect(s.classes.at(-1)).toMatchObject({ label: '无数据', count: 1 });
    // Its zero says nothing, so it moves no break either.
    expect(s.classes.slice(0, -1).map((c) => c.label)).toEqual(colorScale('disputeRate', counted, zh).classes.map((c) => c.label));
    expect(s.colorOf(silentZero)).toEqual(s.classes[0]!.color);
  });

  it('village coverage: a silent village is in no status class', () => {
    const villages = [village({ coverageStatus: 'met' }), village({ coverageStatus: 'at_risk' }), village({ coverageStatus: 'missed', silent: true })];
    expect(colorScale('coverage', villages, zh, 3).classes.map((c) => c.count)).toEqual([1, 1, 0]);
  });
});

describe('formatMetric', () => {
  it.each<[Parameters<typeof formatMetric>[0], Unit, 'zh' | 'en', string, { from: string; to: string }?]>([
    ['disputeRate', village({ disputes: 11, population: 2000 }), 'zh', '5.5 件/千人'],
    ['disputeRate', village({ disputes: 11, population: 2000 }), 'en', '5.5 cases per 1,000'],
    ['disputeRate', village({ disputes: 1, population: 2000 }), 'zh', '5.0 件/万人', WEEK],
    ['disputeRate', village({ disputes: 1, population: 2000 }), 'en', '5.0 cases per 10,000', WEEK],
    ['hazardsOverdue', township({ hazardsOverdue: 3 }), 'zh', '3 件'],
    ['mediationSuccessRate', village({ mediationSuccessRate: 0.9123 }), 'en', '91.2%'],
    ['mediationSuccessRate', village({ mediationSuccessRate: null }), 'en', 'No data'],
    ['coverage', village({ coverageStatus: 'missed' }), 'zh', '未达标（预计本季度无法达标）'],
    ['coverage', township({ coverageRate: 0.5 }), 'zh', '50.0%'],
  ])('%s -> %s', (metric, unit, lang, out, period) => expect(formatMetric(metric, unit, makeI18n(lang), 3, period ?? null)).toBe(out));
});
