import { addDays, daysBetween, isIsoDate, isoWeek, quarterStart, shanghaiDate } from '../../../../api/contract/calendar.ts';

/**
 * Reporting periods as the county speaks of them. Every preset is computed on Asia/Shanghai
 * calendar dates (weeks are ISO weeks starting Monday), whatever the browser's time zone, and
 * ends today at the latest: the API counts stocks "as of" the end of the period.
 */
export const PERIOD_PRESETS = ['thisWeek', 'lastWeek', 'thisMonth', 'thisQuarter', 'last12Months', 'custom'] as const;
export type PeriodPreset = (typeof PERIOD_PRESETS)[number];
export const DEFAULT_PRESET: PeriodPreset = 'last12Months';

export interface DateRange {
  from: string;
  to: string;
}

/** The API's limit on one period. */
export const MAX_PERIOD_DAYS = 3660;

export function mondayOf(date: string): string {
  const dow = (new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7;
  return addDays(date, -dow);
}

export function isPeriodPreset(s: string): s is PeriodPreset {
  return (PERIOD_PRESETS as readonly string[]).includes(s);
}

/** A custom range the API accepts: real dates, in order, at most MAX_PERIOD_DAYS long. */
export function isValidRange(r: Partial<DateRange>, today?: string): r is DateRange {
  if (!r.from || !r.to || !isIsoDate(r.from) || !isIsoDate(r.to)) return false;
  if (r.from < '2000-01-01' || r.to > '2099-12-31' || r.from > r.to) return false;
  // A period that has not started has no figures (the API answers 422 period_not_started).
  if (today !== undefined && r.from > today) return false;
  return daysBetween(r.from, r.to) < MAX_PERIOD_DAYS;
}

/**
 * The dates of a preset on the day `today` (YYYY-MM-DD, Asia/Shanghai). `custom` falls back to
 * the last 12 months when its range is missing or invalid, so a hand-edited URL still shows data.
 */
export function presetRange(preset: PeriodPreset, today: string, custom?: Partial<DateRange>): DateRange {
  switch (preset) {
    case 'thisWeek':
      return { from: mondayOf(today), to: today };
    case 'lastWeek': {
      const monday = addDays(mondayOf(today), -7);
      return { from: monday, to: addDays(monday, 6) };
    }
    case 'thisMonth':
      return { from: `${today.slice(0, 7)}-01`, to: today };
    case 'thisQuarter':
      return { from: quarterStart(today), to: today };
    case 'last12Months':
      // Same window as the API's default: 365 days ending today.
      return { from: addDays(today, -364), to: today };
    case 'custom':
      return custom && isValidRange(custom, today) ? { from: custom.from, to: custom.to } : presetRange('last12Months', today);
  }
}

/** Today's date in Asia/Shanghai. */
export function shanghaiToday(now: Date = new Date()): string {
  return shanghaiDate(now);
}

export { isoWeek };
