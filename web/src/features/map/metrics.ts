import { daysBetween } from '../../../../api/contract/calendar.ts';
import type { RankingMetric, TownshipProps, VillageProps } from '../../api/types.ts';
import type { I18n } from '../i18n/I18nProvider.tsx';
import type { MessageKey } from '../i18n/messages.ts';
import type { MapMetric } from '../url-state/view-state.ts';
import { classIndex, classify, classLabels, distinctDecimals } from './class-breaks.ts';
import { attentionColors, COVERAGE_COLORS, type Direction, NO_DATA_COLOR, type RGB } from './color-scales.ts';

export type { TownshipProps, VillageProps };
export type Unit = { kind: 'township'; props: TownshipProps } | { kind: 'village'; props: VillageProps };

export const CLASSES = 5;

/** An inclusive Asia/Shanghai date range: the period the numbers cover. */
export interface Period {
  from: string;
  to: string;
}

/**
 * Periods shorter than this many days give dispute rates per 10,000 residents, longer ones per
 * 1,000. Over a week a township of 50,000 with 5 disputes is 0.1 per 1,000 and a village of 2,000
 * with one dispute 0.5: at one decimal the county reads "0.0-0.2". Per 10,000 those are 1.0 and
 * 5.0. A quarter and longer keep the familiar per 1,000 (README, "Map classes and units").
 */
export const PER_10000_BELOW_DAYS = 90;

/** How a period's dispute rate is written: residents per unit, its unit and its label. */
export interface RateUnit {
  per: 1000 | 10000;
  unitKey: 'unit_per1000' | 'unit_per10000';
  labelKey: 'metric_disputeRate' | 'metric_disputeRate10k';
}

const PER_1000: RateUnit = { per: 1000, unitKey: 'unit_per1000', labelKey: 'metric_disputeRate' };
const PER_10000: RateUnit = { per: 10000, unitKey: 'unit_per10000', labelKey: 'metric_disputeRate10k' };

/** Days in an inclusive period. */
export function periodDays(p: Period): number {
  return daysBetween(p.from, p.to) + 1;
}

/** The rate unit for a period; without one (a caller that does not know it) per 1,000. */
export function rateUnitFor(period: Period | null | undefined): RateUnit {
  return period && periodDays(period) < PER_10000_BELOW_DAYS ? PER_10000 : PER_1000;
}

/** Disputes per `per` residents; null for an unpopulated unit. */
export function disputeRate(cases: number, population: number, per: number): number | null {
  return population > 0 ? (cases / population) * per : null;
}

/** Disputes per 1,000 residents; null for an unpopulated unit. */
export function per1000(cases: number, population: number): number | null {
  return disputeRate(cases, population, 1000);
}

interface MetricDef {
  unitKey: (r: RateUnit) => MessageKey;
  labelKey: (r: RateUnit) => MessageKey;
  direction: Direction;
  /** Decimals a value is written with at least (labels add more where breaks would read alike). */
  decimals: number;
  integer: boolean;
  /** The metric the ranking endpoint ranks by for the same question. */
  ranking: RankingMetric;
  value: (u: Unit, r: RateUnit) => number | null;
  format: (v: number | null, i18n: I18n, decimals?: number) => string;
}

const rate = (v: number | null, i: I18n, d = 1) => i.num(v, d);
const count = (v: number | null, i: I18n, d = 0) => i.num(v, d);
const percent = (v: number | null, i: I18n, d = 1) => i.pct(v, d);
const fixed =
  (key: MessageKey) =>
  (_r: RateUnit): MessageKey =>
    key;

export const METRICS: Record<MapMetric, MetricDef> = {
  disputeRate: {
    unitKey: (r) => r.unitKey,
    labelKey: (r) => r.labelKey,
    direction: 'highIsBad',
    decimals: 1,
    integer: false,
    ranking: 'disputeRate',
    value: (u, r) => disputeRate(u.props.disputes, u.props.population, r.per),
    format: rate,
  },
  hazardsOpen: {
    unitKey: fixed('unit_count'),
    labelKey: fixed('metric_hazardsOpen'),
    direction: 'highIsBad',
    decimals: 0,
    integer: true,
    ranking: 'hazardsOpen',
    value: (u) => u.props.hazardsOpen,
    format: count,
  },
  hazardsOverdue: {
    unitKey: fixed('unit_count'),
    labelKey: fixed('metric_hazardsOverdue'),
    direction: 'highIsBad',
    decimals: 0,
    integer: true,
    ranking: 'hazardsOverdue',
    value: (u) => u.props.hazardsOverdue,
    format: count,
  },
  coverage: {
    unitKey: fixed('unit_villagesShare'),
    labelKey: fixed('metric_coverage'),
    direction: 'lowIsBad',
    decimals: 1,
    integer: false,
    ranking: 'coverageRate',
    // A village is covered or not; its "rate" only serves sorting and is shown as a status.
    value: (u) => (u.kind === 'township' ? u.props.coverageRate : u.props.coverageStatus === 'met' ? 1 : u.props.coverageStatus === 'at_risk' ? 0.5 : 0),
    format: percent,
  },
  mediationSuccessRate: {
    unitKey: fixed('unit_percent'),
    labelKey: fixed('metric_mediationSuccessRate'),
    direction: 'lowIsBad',
    decimals: 1,
    integer: false,
    ranking: 'mediationSuccessRate',
    value: (u) => u.props.mediationSuccessRate,
    format: percent,
  },
};

/** The label of a metric over a period ("每万人纠纷数" for a week, "每千人纠纷数" for a year). */
export function metricLabelKey(metric: MapMetric, period?: Period | null): MessageKey {
  return METRICS[metric].labelKey(rateUnitFor(period));
}

/** The unit a metric is written in over a period. */
export function metricUnitKey(metric: MapMetric, period?: Period | null): MessageKey {
  return METRICS[metric].unitKey(rateUnitFor(period));
}

/** Units shown in brackets after a value or a title; percentages carry their own sign. */
export function showsUnit(metric: MapMetric): boolean {
  return metric !== 'mediationSuccessRate' && metric !== 'coverage';
}

export interface LegendClass {
  color: RGB;
  label: string;
  /** How many units on screen fall in the class. */
  count: number;
}

/** How units are coloured: a function for the layer and the classes for the legend. */
export interface ColorScale {
  colorOf: (u: Unit) => RGB;
  classes: LegendClass[];
  categorical: boolean;
  /** What the colours measure, with its unit: "每万人纠纷数（件/万人）". */
  title?: string;
  /** The period the colours cover, written ("11月24日至30日"); null when the caller did not say. */
  period?: string | null;
  /** The same period as dates: tooltips write values in the unit it chose. */
  range?: Period | null;
}

export interface ScaleOptions {
  /** Visits a village is expected to get per quarter (coverage classes). */
  requiredVisits?: number;
  /** The period the numbers cover: it chooses the rate unit and is written in the legend. */
  period?: Period | null;
  /**
   * Hook for coverage, which counts visits per quarter whatever the header's period: the quarter
   * it covers. The legend states it for the coverage metric (and states no period until given).
   */
  coveragePeriod?: Period | null;
}

/** The legend's heading: the metric's label over the period, with its unit in brackets. */
export function scaleTitle(metric: MapMetric, i18n: I18n, period?: Period | null): string {
  const label = i18n.t(metricLabelKey(metric, period));
  return showsUnit(metric) ? `${label}${i18n.paren(i18n.t(metricUnitKey(metric, period)))}` : label;
}

/** Villages' coverage is a status (met / at risk / missed), drawn with its own three colours. */
function coverageStatusScale(units: readonly Unit[], i18n: I18n, requiredVisits: number, period: string | null): ColorScale {
  const statuses = ['met', 'at_risk', 'missed'] as const;
  const counts = { met: 0, at_risk: 0, missed: 0 };
  for (const u of units) if (u.kind === 'village') counts[u.props.coverageStatus]++;
  return {
    categorical: true,
    title: i18n.t('metric_coverage'),
    period,
    colorOf: (u) => (u.kind === 'village' ? COVERAGE_COLORS[u.props.coverageStatus] : NO_DATA_COLOR),
    classes: statuses.map((s) => ({ color: COVERAGE_COLORS[s], label: i18n.t(`coverage_${s}`, { n: requiredVisits }), count: counts[s] })),
  };
}

/**
 * The colours of the units on screen by a metric: classes from `classify` (never empty, never
 * two alike, one per value when there are few values), darker where attention is needed.
 */
export function colorScale(metric: MapMetric, units: readonly Unit[], i18n: I18n, opts: ScaleOptions | number = {}): ColorScale {
  const o: ScaleOptions = typeof opts === 'number' ? { requiredVisits: opts } : opts;
  const requiredVisits = o.requiredVisits ?? 3;
  const period = (metric === 'coverage' ? o.coveragePeriod : o.period) ?? null;
  const periodText = period ? i18n.range(period.from, period.to) : null;
  if (metric === 'coverage' && units.some((u) => u.kind === 'village')) return { ...coverageStatusScale(units, i18n, requiredVisits, periodText), range: period };
  const def = METRICS[metric];
  const unit = rateUnitFor(period);
  const values = units.map((u) => def.value(u, unit));
  const finite = values.filter((v): v is number => v !== null && Number.isFinite(v));
  const c = classify(finite, { classes: CLASSES, integer: def.integer });
  const { thresholds } = c;
  const colors = attentionColors(thresholds.length + 1, def.direction);
  // Enough decimals that no two breaks (or, one class per value, no two values) read the same.
  const shown = c.perValue ? [...new Set(c.sorted)] : thresholds;
  const scaleOf = metric === 'mediationSuccessRate' || metric === 'coverage' ? 100 : 1;
  const decimals = def.integer
    ? 0
    : distinctDecimals(
        shown.map((v) => v * scaleOf),
        def.decimals,
      );
  const labels = classLabels(c, { integer: def.integer, format: (n) => def.format(n, i18n, decimals) });
  const counts = colors.map(() => 0);
  for (const v of finite) counts[classIndex(v, thresholds)]!++;
  const classes: LegendClass[] = finite.length ? colors.map((color, i) => ({ color, label: labels[i] ?? '', count: counts[i]! })) : [];
  const noData = values.length - finite.length;
  if (noData > 0) classes.push({ color: NO_DATA_COLOR, label: i18n.t('legendNoData'), count: noData });
  return {
    categorical: false,
    title: scaleTitle(metric, i18n, period),
    period: periodText,
    range: period,
    classes,
    colorOf: (u) => {
      const v = def.value(u, unit);
      return v === null || !Number.isFinite(v) ? NO_DATA_COLOR : colors[classIndex(v, thresholds)]!;
    },
  };
}

/** The metric's value written for people, e.g. in tooltips, in the period's unit. */
export function formatMetric(metric: MapMetric, u: Unit, i18n: I18n, requiredVisits = 3, period: Period | null = null): string {
  if (metric === 'coverage' && u.kind === 'village') return i18n.t(`coverage_${u.props.coverageStatus}`, { n: requiredVisits });
  const def = METRICS[metric];
  const v = def.value(u, rateUnitFor(period));
  const unit = showsUnit(metric) ? ` ${i18n.t(metricUnitKey(metric, period))}` : '';
  return v === null ? i18n.t('legendNoData') : `${def.format(v, i18n)}${unit}`;
}
