import { addDays, daysBetween, isIsoDate, quarterEnd, quarterStart, shanghaiDate, startOfDay } from '../contract/calendar.ts';

/** A reporting period: inclusive dates, their instants, and the instant stocks are read at. */
export interface Period {
  from: string;
  to: string;
  /** 00:00 Asia/Shanghai of `from`. */
  start: Date;
  /**
   * Exclusive end: 00:00 Asia/Shanghai of the day after `to`, or, for the comparison period of a
   * running one, the instant as far into it as `now` is into the running one (see `previousPeriod`).
   */
  end: Date;
  /** "As of": the end of the period, or now if the period is still running. */
  ref: Date;
  days: number;
}

/** The calendar unit a period spans, which decides what "the same days of the previous one" are. */
export type PeriodUnit = 'week' | 'month' | 'quarter' | 'year' | 'days';

export const DEFAULT_PERIOD_DAYS = 365;

/** The period for `from`/`to` (either may be absent: default is the last 12 months to today). */
export function resolvePeriod(q: { from?: string; to?: string }, now: Date): Period {
  const today = shanghaiDate(now);
  const to = q.to ?? (q.from ? maxDate(q.from, today) : today);
  const from = q.from ?? addDays(to, -(DEFAULT_PERIOD_DAYS - 1));
  return makePeriod(from, to, now);
}

export function makePeriod(from: string, to: string, now: Date): Period {
  const start = startOfDay(from);
  const end = startOfDay(addDays(to, 1));
  const ref = new Date(Math.min(end.getTime() - 1, now.getTime()));
  return { from, to, start, end, ref, days: daysBetween(from, to) + 1 };
}

/** True while `now` lies inside the period: it has started and not ended, so its figures are partial. */
export function isRunning(p: Period, now: Date): boolean {
  return p.start.getTime() <= now.getTime() && now.getTime() < p.end.getTime();
}

/** True when the period starts after `now` (a week that has not begun). */
export function notStarted(p: Period, now: Date): boolean {
  return now.getTime() < p.start.getTime();
}

/**
 * The calendar unit a period starts and lies within: an ISO week (from a Monday, at most 7 days),
 * a calendar month, quarter or year (from its first day, not past its last); anything else is `days`.
 * Whole units (Mon-Sun, 1-30 Nov) and units to date (本周 Mon..today, 本月 1..today, 本季度) alike; a
 * period that could be several (1-5 Jan: a month, a quarter or a year to date) is the smallest.
 */
export function periodUnit(p: Pick<Period, 'from' | 'to'>): PeriodUnit {
  const { from, to } = p;
  if (to < from) return 'days';
  const dow = (new Date(`${from}T00:00:00Z`).getUTCDay() + 6) % 7;
  if (dow === 0 && daysBetween(from, to) <= 6) return 'week';
  if (from.slice(8) !== '01') return 'days';
  if (to <= monthEnd(from)) return 'month';
  if (from === quarterStart(from) && to <= quarterEnd(from)) return 'quarter';
  if (from.slice(5) === '01-01' && to <= `${from.slice(0, 4)}-12-31`) return 'year';
  return 'days';
}

/**
 * The period `p` is compared with. One definition, used by the summary, the KPIs, the wall and the briefing.
 *
 * - A closed period (or one not started yet): the period of equal length that ends the day before `p` starts.
 * - A running period (`p.start <= now < p.end`): the SAME days of the previous unit (see `periodUnit`), up
 *   to the same time of day. A running ISO week (Mon..Sun, or 本周 Mon..today) on Wednesday 13:00 is
 *   compared with last week's Mon..Wed 13:00; a running month
 *   1..2 Dec 13:00 with 1..2 Nov 13:00; a quarter or a year likewise (the same month and day of the previous
 *   quarter / year). When the previous unit has no such day (31 Mar vs February, 29 Feb vs a common year)
 *   the comparison runs to the last day of that month, whole (so 31 Dec compares with all of November). Any other running window (近7日, 近12个月)
 *   is shifted back by its own length and cut at the same time of day.
 *
 * Asia/Shanghai has no DST, so "the same time of day" is the same offset from 00:00.
 */
export function previousPeriod(p: Period, now: Date): Period {
  if (!isRunning(p, now)) {
    const to = addDays(p.from, -1);
    return makePeriod(addDays(to, -(p.days - 1)), to, now);
  }
  const today = shanghaiDate(now);
  const sinceMidnight = now.getTime() - startOfDay(today).getTime();
  const unit = periodUnit(p);
  const months = unit === 'month' ? 1 : unit === 'quarter' ? 3 : unit === 'year' ? 12 : 0;
  const back = unit === 'week' ? 7 : p.days;
  const from = months ? addMonths(p.from, -months) : addDays(p.from, -back);
  const sameDay = months ? addMonthsExact(today, -months) : addDays(today, -back);
  if (sameDay === null) {
    // The previous unit has no such day (31 Mar vs February): up to its month's last day, whole.
    return makePeriod(from, monthEnd(addMonths(`${today.slice(0, 8)}01`, -months)), now);
  }
  const cut = new Date(startOfDay(sameDay).getTime() + sinceMidnight);
  const start = startOfDay(from);
  return { from, to: sameDay, start, end: cut, ref: cut, days: daysBetween(from, sameDay) + 1 };
}

/** Last day of the month of `date`. */
function monthEnd(date: string): string {
  return addDays(addMonths(`${date.slice(0, 8)}01`, 1), -1);
}

/** The first of the month `months` away from the month of `date` (`date` must be a first). */
function addMonths(date: string, months: number): string {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7)) - 1 + months;
  const yy = y + Math.floor(m / 12);
  const mm = ((m % 12) + 12) % 12;
  return `${yy}-${String(mm + 1).padStart(2, '0')}-${date.slice(8)}`;
}

/** The same day of the month `months` away, or null when that month has no such day. */
function addMonthsExact(date: string, months: number): string | null {
  const d = addMonths(date, months);
  return isIsoDate(d) ? d : null;
}

function maxDate(a: string, b: string): string {
  return a > b ? a : b;
}
