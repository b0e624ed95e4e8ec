import type { RankingMetric, TownshipProps, VillageProps } from '../../api/types.ts';
import type { I18n } from '../i18n/I18nProvider.tsx';
import type { MessageKey } from '../i18n/messages.ts';
import type { MapMetric } from '../url-state/view-state.ts';
import { classIndex, classLabels, quantileBreaks } from './class-breaks.ts';
import { attentionColors, COVERAGE_COLORS, type Direction, NO_DATA_COLOR, type RGB } from './color-scales.ts';

export type { TownshipProps, VillageProps };
export type Unit = { kind: 'township'; props: TownshipProps } | { kind: 'village'; props: VillageProps };

export const CLASSES = 5;

/** Disputes per 1,000 residents; null for an unpopulated unit. */
export function per1000(cases: number, population: number): number | null {
  return population > 0 ? (cases / population) * 1000 : null;
}

interface MetricDef {
  unitKey: MessageKey;
  direction: Direction;
  /** Rounding step of class breaks, in the value's own unit. */
  step: number;
  integer: boolean;
  /** The metric the ranking endpoint ranks by for the same question. */
  ranking: RankingMetric;
  value: (u: Unit) => number | null;
  format: (v: number | null, i18n: I18n) => string;
}

const rate = (v: number | null, i: I18n) => i.num(v, 1);
const count = (v: number | null, i: I18n) => i.num(v, 0);
const percent = (v: number | null, i: I18n) => i.pct(v, 1);

export const METRICS: Record<MapMetric, MetricDef> = {
  disputeRate: {
    unitKey: 'unit_per1000',
    direction: 'highIsBad',
    step: 0.1,
    integer: false,
    ranking: 'disputeRate',
    value: (u) => per1000(u.props.disputes, u.props.population),
    format: rate,
  },
  hazardsOpen: { unitKey: 'unit_count', direction: 'highIsBad', step: 1, integer: true, ranking: 'hazardsOpen', value: (u) => u.props.hazardsOpen, format: count },
  hazardsOverdue: {
    unitKey: 'unit_count',
    direction: 'highIsBad',
    step: 1,
    integer: true,
    ranking: 'hazardsOverdue',
    value: (u) => u.props.hazardsOverdue,
    format: count,
  },
  coverage: {
    unitKey: 'unit_villagesShare',
    direction: 'lowIsBad',
    step: 0.05,
    integer: false,
    ranking: 'coverageRate',
    // A village is covered or not; its "rate" only serves sorting and is shown as a status.
    value: (u) => (u.kind === 'township' ? u.props.coverageRate : u.props.coverageStatus === 'met' ? 1 : u.props.coverageStatus === 'at_risk' ? 0.5 : 0),
    format: percent,
  },
  mediationSuccessRate: {
    unitKey: 'unit_percent',
    direction: 'lowIsBad',
    step: 0.005,
    integer: false,
    ranking: 'mediationSuccessRate',
    value: (u) => u.props.mediationSuccessRate,
    format: percent,
  },
};

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
}

/** Villages' coverage is a status (met / at risk / missed), drawn with its own three colours. */
function coverageStatusScale(units: readonly Unit[], i18n: I18n, requiredVisits: number): ColorScale {
  const statuses = ['met', 'at_risk', 'missed'] as const;
  const counts = { met: 0, at_risk: 0, missed: 0 };
  for (const u of units) if (u.kind === 'village') counts[u.props.coverageStatus]++;
  return {
    categorical: true,
    colorOf: (u) => (u.kind === 'village' ? COVERAGE_COLORS[u.props.coverageStatus] : NO_DATA_COLOR),
    classes: statuses.map((s) => ({ color: COVERAGE_COLORS[s], label: i18n.t(`coverage_${s}`, { n: requiredVisits }), count: counts[s] })),
  };
}

export function colorScale(metric: MapMetric, units: readonly Unit[], i18n: I18n, requiredVisits = 3): ColorScale {
  if (metric === 'coverage' && units.some((u) => u.kind === 'village')) return coverageStatusScale(units, i18n, requiredVisits);
  const def = METRICS[metric];
  const values = units.map((u) => def.value(u));
  const finite = values.filter((v): v is number => v !== null && Number.isFinite(v));
  const thresholds = quantileBreaks(finite, CLASSES, def.step);
  const colors = attentionColors(thresholds.length + 1, def.direction);
  const labels = classLabels(thresholds, { integer: def.integer, min: finite.length ? Math.min(...finite) : undefined, format: (n) => def.format(n, i18n) });
  const counts = colors.map(() => 0);
  for (const v of finite) counts[classIndex(v, thresholds)]!++;
  const classes: LegendClass[] = colors.map((color, i) => ({ color, label: labels[i] ?? '', count: counts[i]! }));
  const noData = values.length - finite.length;
  if (noData > 0) classes.push({ color: NO_DATA_COLOR, label: i18n.t('legendNoData'), count: noData });
  return {
    categorical: false,
    classes,
    colorOf: (u) => {
      const v = def.value(u);
      return v === null || !Number.isFinite(v) ? NO_DATA_COLOR : colors[classIndex(v, thresholds)]!;
    },
  };
}

/** The metric's value written for people, e.g. in tooltips. */
export function formatMetric(metric: MapMetric, u: Unit, i18n: I18n, requiredVisits = 3): string {
  if (metric === 'coverage' && u.kind === 'village') return i18n.t(`coverage_${u.props.coverageStatus}`, { n: requiredVisits });
  const def = METRICS[metric];
  const v = def.value(u);
  const unit = def.unitKey === 'unit_percent' || def.unitKey === 'unit_villagesShare' ? '' : ` ${i18n.t(def.unitKey)}`;
  return v === null ? i18n.t('legendNoData') : `${def.format(v, i18n)}${unit}`;
}
