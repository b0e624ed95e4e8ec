import type { Summary } from '../../api/types.ts';

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
