import type { RankingRow } from '../../api/types.ts';
import type { I18n } from '../i18n/I18nProvider.tsx';
import { disputeRate, METRICS, type Period, rateUnitFor } from '../map/metrics.ts';
import type { MapMetric } from '../url-state/view-state.ts';

/** A ranking row as shown: the number under the metric's label, and what lies behind it. */
export interface ShownValue {
  /** The value shown and drawn as the bar: for the dispute rate the raw rate, as on the map. */
  value: number | null;
  text: string;
  /** For the dispute rate: raw, count, residents and the smoothed rate the order follows. */
  title?: string;
}

/**
 * One definition per label: the API ranks the dispute rate by its smoothed value (per 1,000,
 * `value`) and gives the cases (`count`) and residents behind it. The list shows the raw rate in
 * the period's unit, the very number the map and its tooltip show under the same label; the
 * smoothed one is named as the sort key in the row's title. Other metrics are shown as ranked.
 */
export function shownValue(metric: MapMetric, r: Pick<RankingRow, 'value' | 'count' | 'population'>, i18n: I18n, period: Period | null): ShownValue {
  const def = METRICS[metric];
  if (metric !== 'disputeRate') return { value: r.value, text: def.format(r.value, i18n) };
  const unit = rateUnitFor(period);
  const raw = disputeRate(r.count, r.population, unit.per);
  const smoothed = r.value === null ? null : (r.value * unit.per) / 1000;
  const text = def.format(raw, i18n);
  return {
    value: raw,
    text,
    title: i18n.t('rankingRateTitle', {
      raw: `${text} ${i18n.t(unit.unitKey)}`,
      count: i18n.num(r.count),
      population: i18n.num(r.population),
      smoothed: def.format(smoothed, i18n),
    }),
  };
}
