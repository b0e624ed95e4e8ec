import type { Summary } from '../../api/types.ts';
import { formatQuarter, formatShortDate } from '../i18n/format.ts';
import type { I18n } from '../i18n/I18nProvider.tsx';
import { comparisonLabels, formatShortDateTime } from '../kpis/period-label.ts';
import type { MapMetric } from '../url-state/view-state.ts';

/**
 * The period line under the legend's title: what the colours count, and up to when.
 *
 * - Coverage counts the visits of the quarter of the period's end, up to the period's as-of: the
 *   quarter and that instant ("2026年第4季度 · 截至 11月29日 24:00"), not the quarter's dates, which
 *   would read as if its last weeks were counted.
 * - Any other metric: the period's dates, and while the period runs up to when ("… · 截至 12月2日
 *   13:00（本周未完）"), the words of the KPIs' own line.
 *
 * `summary` is the KPIs' answer for the same filter; without it (not loaded yet, or for other dates)
 * the line is the dates alone.
 */
export function legendPeriodText(
  metric: MapMetric,
  dates: string | null,
  summary: Pick<Summary, 'period' | 'previousPeriod' | 'current'> | undefined,
  i18n: Pick<I18n, 't' | 'lang'>,
): string | null {
  if (!summary) return dates;
  const { period } = summary;
  if (metric === 'coverage') {
    const until = period.partial ? formatShortDateTime(period.asOf, i18n.lang) : `${formatShortDate(period.to, i18n.lang)} 24:00`;
    return `${formatQuarter(summary.current.coverage.quarter, i18n.lang)} · ${i18n.t('asOf', { d: until })}`;
  }
  const running = period.partial ? comparisonLabels(summary, i18n).asOf : null;
  return dates && running ? `${dates} · ${running}` : dates;
}
