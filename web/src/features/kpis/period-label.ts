import type { Summary } from '../../api/types.ts';
import { formatDateRange, formatShortDate, type Lang } from '../i18n/format.ts';
import type { I18n } from '../i18n/I18nProvider.tsx';

type PeriodInfo = Summary['period'];

const OFFSET_MS = 8 * 3600_000;
const DAY_MS = 86400_000;

/** "12月2日 13:00" / "2 Dec 13:00": an instant in Asia/Shanghai, without the year. */
export function formatShortDateTime(iso: string, lang: Lang): string {
  const local = new Date(Date.parse(iso) + OFFSET_MS).toISOString();
  const day = formatShortDate(local.slice(0, 10), lang);
  return `${day} ${local.slice(11, 16)}`;
}

/** Whether an exclusive end instant falls at 00:00 Asia/Shanghai (a whole last day). */
const atMidnight = (iso: string) => (Date.parse(iso) + OFFSET_MS) % DAY_MS === 0;

/**
 * The labels a comparison needs, from /api/stats/summary's `period` and `previousPeriod`:
 * `asOf` only while the period runs, and the comparison's own dates ("对比上周同期：11月23日至11月25日
 * 13:00", or "上期：…" for a closed period). Only a calendar unit to date (本周, 本月, 本季度, 本年) is
 * unfinished ("截至 12月2日 13:00（本周未完）"); a window of days ending now, like the wall's 近7日, is
 * whole as of its time ("截至 12月2日 13:00"). `rolling` says the period is such a window even where
 * its dates happen to fit a unit (近7日 from a Monday, or from the 1st).
 */
export function comparisonLabels(
  s: Pick<Summary, 'period' | 'previousPeriod'>,
  i18n: Pick<I18n, 't' | 'lang'>,
  opts: { rolling?: boolean } = {},
): { asOf: string | null; previous: string } {
  const { partial, unit } = s.period;
  const t = formatShortDateTime(s.period.asOf, i18n.lang);
  const asOf = !partial ? null : opts.rolling || unit === 'days' ? i18n.t('asOf', { d: t }) : i18n.t(`periodPartial_${unit}`, { t });
  return { asOf, previous: previousLabel(s.period, s.previousPeriod, i18n) };
}

function previousLabel(cur: PeriodInfo, prev: PeriodInfo, i18n: Pick<I18n, 't' | 'lang'>): string {
  const range = rangeUntil(prev, i18n.lang);
  return cur.partial ? i18n.t(`sameDaysRange_${cur.unit}`, { range }) : i18n.t('previousPeriodRange', { range });
}

/** The previous period's dates, with the time it is cut at when it does not run to midnight. */
function rangeUntil(p: PeriodInfo, lang: Lang): string {
  const dates = formatDateRange(p.from, p.to, lang);
  if (atMidnight(p.until)) return dates;
  const time = new Date(Date.parse(p.until) + OFFSET_MS).toISOString().slice(11, 16);
  return `${dates} ${time}`;
}
