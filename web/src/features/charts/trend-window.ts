import { addDays, daysBetween } from '../../../../api/contract/calendar.ts';
import { type DateRange, mondayOf } from '../period/presets.ts';

/** Weeks the trend shows at least: a week or a month alone is one point or a few, which says nothing. */
export const CONTEXT_WEEKS = 12;

/** The API's first day (the period bounds every endpoint enforces). */
const FIRST_DAY = '2000-01-01';

export interface TrendWindow extends DateRange {
  /** The period the user chose, to highlight, when the window is wider than it; null otherwise. */
  selected: DateRange | null;
  /** Whole weeks shown before the period's first week. */
  contextWeeks: number;
  /**
   * The whole weeks shown before the period, asked for apart (from..the Sunday before the period's
   * first week), so a period starting mid-week (本月 from Tuesday 1 Dec) has a bucket of its own
   * instead of sharing its first week's bucket (and its count) with the days before it (30 Nov),
   * which are shown in neither; null when none.
   */
  context: DateRange | null;
}

/** ISO weeks (Monday start) a period touches, partial ones included. */
export function weeksTouched(period: DateRange): number {
  return daysBetween(mondayOf(period.from), mondayOf(period.to)) / 7 + 1;
}

/**
 * The dates to ask the weekly trend for: a period touching fewer than `weeks` ISO weeks is shown
 * with the whole weeks before it, `weeks` in all, ending where the period ends (so a running week
 * stays partial and drawn dashed); a longer period is shown as it is. The weeks before are asked
 * for apart (`context`) and the period as itself, so the shaded buckets count the period's days only.
 */
export function trendWindow(period: DateRange, weeks = CONTEXT_WEEKS): TrendWindow {
  const n = weeksTouched(period);
  const from = addDays(mondayOf(period.from), -7 * (weeks - n));
  if (n >= weeks || from < FIRST_DAY) return { ...period, selected: null, contextWeeks: 0, context: null };
  // Whole weeks only: the days of the period's first week before it (30 Nov for 本月 from 1 Dec) would
  // be a one-day stub plotted as a dip, and a 13th point under a title that says 12.
  return { from, to: period.to, selected: { from: period.from, to: period.to }, contextWeeks: weeks - n, context: { from, to: addDays(mondayOf(period.from), -1) } };
}
