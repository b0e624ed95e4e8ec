/**
 * Calendar arithmetic in Asia/Shanghai. China has used UTC+8 without daylight saving since
 * 1991, so a fixed offset is exact and no time-zone library is needed. Instants are integer
 * epoch minutes: the published data never needs seconds, and integers keep ordering exact.
 */

export const MINUTES_PER_DAY = 1440;
export const SHANGHAI_OFFSET_MINUTES = 480;
const MS_PER_MINUTE = 60_000;
const MS_PER_DAY = 86_400_000;

/** Minutes since 1970-01-01T00:00Z, truncated (an event "at" now may not pass now). */
export function epochMinuteOf(date: Date): number {
  const ms = date.getTime();
  if (!Number.isFinite(ms)) throw new Error('invalid date');
  return Math.floor(ms / MS_PER_MINUTE);
}

/** Day number in Shanghai local time (0 = 1970-01-01 local). */
export function localDay(epochMinute: number): number {
  return Math.floor((epochMinute + SHANGHAI_OFFSET_MINUTES) / MINUTES_PER_DAY);
}

/** Minutes since local midnight, 0..1439. */
export function minuteOfDay(epochMinute: number): number {
  const m = (epochMinute + SHANGHAI_OFFSET_MINUTES) % MINUTES_PER_DAY;
  return m < 0 ? m + MINUTES_PER_DAY : m;
}

/** The instant of local midnight starting a local day. */
export function dayStartMinute(day: number): number {
  return day * MINUTES_PER_DAY - SHANGHAI_OFFSET_MINUTES;
}

export function dayOf(year: number, month: number, dayOfMonth: number): number {
  return Date.UTC(year, month - 1, dayOfMonth) / MS_PER_DAY;
}

/** 'YYYY-MM-DD' (a Shanghai calendar date) to a local day number. */
export function parseDate(text: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) throw new Error(`not a YYYY-MM-DD date: ${text}`);
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const day = dayOf(y, mo, d);
  if (formatDate(day) !== text) throw new Error(`no such date: ${text}`);
  return day;
}

export interface DayParts {
  year: number;
  month: number;
  day: number;
  /** 0 = Sunday ... 6 = Saturday. */
  weekday: number;
}

export function dayParts(day: number): DayParts {
  // Local day numbers are UTC day numbers shifted by the offset, so UTC getters read local fields.
  const d = new Date(day * MS_PER_DAY);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), weekday: d.getUTCDay() };
}

const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));

// Formatting dominates output time (several timestamps per row), so date strings are memoised.
const dateCache = new Map<number, string>();

export function formatDate(day: number): string {
  let text = dateCache.get(day);
  if (text === undefined) {
    const p = dayParts(day);
    text = `${p.year}-${pad2(p.month)}-${pad2(p.day)}`;
    dateCache.set(day, text);
  }
  return text;
}

/** ISO 8601 with an explicit +08:00 offset, e.g. 2024-03-05T09:12:00+08:00. */
export function formatInstant(epochMinute: number): string {
  const m = minuteOfDay(epochMinute);
  return `${formatDate(localDay(epochMinute))}T${pad2(Math.floor(m / 60))}:${pad2(m % 60)}:00+08:00`;
}

export function parseInstant(iso: string): number {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new Error(`not an ISO instant: ${iso}`);
  return Math.floor(ms / MS_PER_MINUTE);
}

export interface Quarter {
  year: number;
  /** 1..4 */
  quarter: number;
}

export function quarterOfDay(day: number): Quarter {
  const p = dayParts(day);
  return { year: p.year, quarter: Math.floor((p.month - 1) / 3) + 1 };
}

export function quarterStartDay(q: Quarter): number {
  return dayOf(q.year, (q.quarter - 1) * 3 + 1, 1);
}

export function nextQuarter(q: Quarter): Quarter {
  return q.quarter === 4 ? { year: q.year + 1, quarter: 1 } : { year: q.year, quarter: q.quarter + 1 };
}

/** '2024Q3' */
export function quarterKey(q: Quarter): string {
  return `${q.year}Q${q.quarter}`;
}

export function yearStartDay(year: number): number {
  return dayOf(year, 1, 1);
}
