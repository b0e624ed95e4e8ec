import { shanghaiDate } from '../../../../api/contract/calendar.ts';
import type { Summary, Totals } from '../../api/types.ts';
import { formatShortDate, type Lang } from '../i18n/format.ts';

/** What the wall names over its KPI cards: the period (the week played, or the live 近7日) and the scope. */
export interface KpiTarget {
  from: string;
  to: string;
  township: string | null;
}

/**
 * Whether a summary answers for the period and scope the wall names. While the next week's (or the
 * next township's) summary is on its way the query keeps the previous answer on screen; those
 * figures must not read as this week's, so the cards are dimmed and marked loading until this is true.
 * A summary without its period (an older API) cannot be vouched for: false.
 */
export function summaryIsFor(summary: (Pick<Summary, 'township'> & Partial<Pick<Summary, 'period'>>) | undefined, target: KpiTarget): boolean {
  if (!summary?.period) return false;
  return summary.period.from === target.from && summary.period.to === target.to && summary.township === target.township;
}

/**
 * The day quarterly coverage is counted up to ("10月11日" / "11 Oct"), for the coverage card's
 * "本季度截至…": coverage counts the quarter's visits up to an instant, so early in a quarter it is low
 * by construction, and a room would read 0.0% as "no visits". A week played back counts to its
 * Sunday's end, live to now; both are the Asia/Shanghai day of `asOf`.
 */
export function coverageDay(coverage: Pick<Totals['coverage'], 'asOf'>, lang: Lang): string {
  return formatShortDate(shanghaiDate(new Date(coverage.asOf)), lang);
}
