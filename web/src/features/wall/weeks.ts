import { addDays, isoWeek, isoWeekRange } from '../../../../api/contract/calendar.ts';

/** One ISO week (Monday to Sunday, Asia/Shanghai calendar dates) as the wall plays it back. */
export interface PlaybackWeek {
  week: string;
  from: string;
  /** Sunday, or today for the running week: the API counts stocks at the end of the period. */
  to: string;
}

export const PLAYBACK_WEEKS = 12;

/** The last `n` ISO weeks up to and including the running one, oldest first. */
export function lastWeeks(today: string, n = PLAYBACK_WEEKS): PlaybackWeek[] {
  const weeks: PlaybackWeek[] = [];
  for (let i = n - 1; i >= 0; i--) {
    const week = isoWeek(addDays(today, -7 * i));
    const range = isoWeekRange(week)!;
    weeks.push({ week, from: range.from, to: range.to > today ? today : range.to });
  }
  return weeks;
}

/** "2026-W47" → 47 */
export function weekNumber(week: string): number {
  return Number(week.slice(6));
}

/** The live period of the wall: the last 7 days, the window the village alert rule counts. */
export function liveRange(today: string): { from: string; to: string } {
  return { from: addDays(today, -6), to: today };
}
