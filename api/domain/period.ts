import { addDays, daysBetween, shanghaiDate, startOfDay } from '../contract/calendar.ts';

/** A reporting period: inclusive dates, their instants, and the instant stocks are read at. */
export interface Period {
  from: string;
  to: string;
  /** 00:00 Asia/Shanghai of `from`. */
  start: Date;
  /** 00:00 Asia/Shanghai of the day after `to` (exclusive end). */
  end: Date;
  /** "As of": the end of the period, or now if the period is still running. */
  ref: Date;
  days: number;
}

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

/** The period of equal length that ends the day before `p` starts. */
export function previousPeriod(p: Period, now: Date): Period {
  const to = addDays(p.from, -1);
  return makePeriod(addDays(to, -(p.days - 1)), to, now);
}

function maxDate(a: string, b: string): string {
  return a > b ? a : b;
}
