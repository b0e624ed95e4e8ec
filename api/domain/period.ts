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
 * It always spans the same calendar unit as `p` (see `periodUnit`), so both read alike ("本月" with "上月").
 *
 * - A week (whole, to date or not started): the same weekdays of the week before.
 * - A month, quarter or year: the same days of the previous one. A whole unit compares with the whole
 *   previous unit (all of November with all of October, Q4 with Q3); a partial one with the same dates,
 *   and when the previous unit has no such day (31 Mar vs February, 29 Feb vs a common year) up to the
 *   last day of that month.
 * - Any other window (近7日, 近12个月, a custom range): shifted back by its own length.
 * - A running period (`p.start <= now < p.end`) is cut at the same time of day of the same day: on
 *   Wednesday 13:00 本周 compares with last week's Mon..Wed 13:00, 本月 (1..2 Dec 13:00) with 1..2 Nov
 *   13:00. A running custom window is shifted back by the days it has run so far, not by its full
 *   length (a window to next year is compared with the equally many days before it, not a decade ago).
 *
 * Asia/Shanghai has no DST, so "the same time of day" is the same offset from 00:00.
 */
export function previousPeriod(p: Period, now: Date): Period {
  const unit = periodUnit(p);
  const months = unit === 'month' ? 1 : unit === 'quarter' ? 3 : unit === 'year' ? 12 : 0;
  const running = isRunning(p, now);
  const today = shanghaiDate(now);
  const to = running ? today : p.to;
  const back = unit === 'week' ? 7 : daysBetween(p.from, to) + 1;
  const from = months ? addMonths(p.from, -months) : addDays(p.from, -back);
  const exact = months ? addMonthsExact(to, -months) : addDays(to, -back);
  const monthLast = months ? monthEnd(addMonths(`${to.slice(0, 8)}01`, -months)) : exact!;
  // A closed unit ending on its month's last day compares with the whole previous month(s); a day the
  // previous month lacks (31 Mar vs February) runs to that month's last day, whole.
  const wholeMonth = months > 0 && (exact === null || (!running && to === monthEnd(to)));
  const prevTo = wholeMonth ? monthLast : exact!;
  if (!running || wholeMonth) return makePeriod(from, prevTo, now);
  const cut = new Date(startOfDay(prevTo).getTime() + (now.getTime() - startOfDay(today).getTime()));
  return { from, to: prevTo, start: startOfDay(from), end: cut, ref: cut, days: daysBetween(from, prevTo) + 1 };
}

/**
 * The instant as far into the previous quarter as `ref` is into its own: what quarterly coverage is
 * compared with. Coverage counts the visits of `ref`'s quarter up to `ref`, so comparing it with an
 * earlier instant of the same quarter (a running week's previous week) would show a rise every
 * week by construction. The same date three months back, at the same time of day; a month's last
 * day maps to the last day of that month (30 Jun to 31 Mar, so a whole quarter meets a whole quarter),
 * as `previousPeriod` maps whole months.
 */
export function samePointPreviousQuarter(ref: Date): Date {
  const day = shanghaiDate(ref);
  const lastOfMonth = monthEnd(addMonths(`${day.slice(0, 8)}01`, -3));
  const back = day === monthEnd(day) ? lastOfMonth : (addMonthsExact(day, -3) ?? lastOfMonth);
  return new Date(startOfDay(back).getTime() + (ref.getTime() - startOfDay(day).getTime()));
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
