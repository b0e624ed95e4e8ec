import type { RankingMetric, TownshipProps, VillageProps } from '../../api/types.ts';
import type { I18n } from '../i18n/I18nProvider.tsx';
import type { MessageKey } from '../i18n/messages.ts';
import type { MapMetric } from '../url-state/view-state.ts';
import { classify, classLabels, classOf, distinctDecimals } from './class-breaks.ts';
import { attentionColors, COVERAGE_COLORS, type Direction, NO_DATA_COLOR, type RGB } from './color-scales.ts';
import { disputeRate, type Period, type RateUnit, rateUnitFor } from './rate-units.ts';

export { disputeRate, PER_10000_BELOW_DAYS, type Period, per1000, periodDays, type RateUnit, rateUnitFor } from './rate-units.ts';

export type { TownshipProps, VillageProps };
export type Unit = { kind: 'township'; props: TownshipProps } | { kind: 'village'; props: VillageProps };

export const CLASSES = 5;

interface MetricDef {
  unitKey: (r: RateUnit) => MessageKey;
  labelKey: (r: RateUnit) => MessageKey;
  direction: Direction;
  /** Decimals a value is shown with, and classed at (labels add more only where breaks would read alike). */
  decimals: number;
  /** Written as a percentage of a 0..1 ratio. */
  percent?: boolean;
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
    percent: true,
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
    percent: true,
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
  /**
   * How many units on screen fall in the class: townships at county scope, villages in a
   * township. Silent villages are left to the hatch's row, so each unit is counted once.
   */
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

/**
 * A village with no report and no visit for the silence window: the map hatches it and the
 * legend's "no information" row counts it, so no class does (and its numbers, which say nothing,
 * do not move the breaks).
 */
export const isSilent = (u: Unit): boolean => u.kind === 'village' && u.props.silent === true;

/** Villages' coverage is a status (met / at risk / missed), drawn with its own three colours. */
function coverageStatusScale(units: readonly Unit[], i18n: I18n, requiredVisits: number, period: string | null): ColorScale {
  const statuses = ['met', 'at_risk', 'missed'] as const;
  const counts = { met: 0, at_risk: 0, missed: 0 };
  for (const u of units) if (u.kind === 'village' && !isSilent(u)) counts[u.props.coverageStatus]++;
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
  const values = units.filter((u) => !isSilent(u)).map((u) => def.value(u, unit));
  const finite = values.filter((v): v is number => v !== null && Number.isFinite(v));
  // Classed as shown: the value a tooltip writes lies within its class's label.
  const c = classify(finite, { classes: CLASSES, integer: def.integer, precision: { decimals: def.decimals, percent: def.percent } });
  const { thresholds } = c;
  const colors = attentionColors(thresholds.length + 1, def.direction);
  // Enough decimals that no two breaks (or, one class per value, no two values) read the same.
  const shown = c.perValue ? [...new Set(c.sorted)] : thresholds;
  const decimals = def.integer
    ? 0
    : distinctDecimals(
        shown.map((v) => (def.percent ? v * 100 : v)),
        def.decimals,
      );
  const labels = classLabels(c, { integer: def.integer, format: (n) => def.format(n, i18n, decimals) });
  const counts = colors.map(() => 0);
  for (const v of finite) counts[classOf(c, v)]!++;
  const classes: LegendClass[] = finite.length ? colors.map((color, i) => ({ color, label: labels[i] ?? '', count: counts[i]! })) : [];
  const noData = values.length - finite.length;
  if (noData > 0) classes.push({ color: NO_DATA_COLOR, label: i18n.t('legendNoData'), count: noData });
  return {
    categorical: false,
    title: scaleTitle(metric, i18n, period),
    period: periodText,
    range: period,
    classes,
    // A silent village keeps its class's colour under the hatch's wash.
    colorOf: (u) => {
      const v = def.value(u, unit);
      return v === null || !Number.isFinite(v) ? NO_DATA_COLOR : colors[classOf(c, v)]!;
    },
  };
}

/** The metric's value written for people, e.g. in tooltips, in the period's unit. */
export function formatMetric(metric: MapMetric, u: Unit, i18n: I18n, requiredVisits = 3, period: Period | null = null): string {
  if (metric === 'coverage' && u.kind === 'village') return i18n.t(`coverage_${u.props.coverageStatus}`, { n: requiredVisits });
  const def = METRICS[metric];
  const v = def.value(u, rateUnitFor(period));
  const unit = showsUnit(metric) ? ` ${i18n.t(metricUnitKey(metric, period))}` : '';
  return v === null ? i18n.t('legendNoData') : `${def.format(v, i18n, def.decimals)}${unit}`;
}
