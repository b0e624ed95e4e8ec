/**
 * Calendar arithmetic in Asia/Shanghai (UTC+8 all year, no DST), on `YYYY-MM-DD` strings.
 * A plain fixed offset is exact here, so no time-zone library is needed.
 */

const OFFSET_MS = 8 * 3600 * 1000;
const DAY_MS = 86400 * 1000;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date written `YYYY-MM-DD` (rejects 2025-02-30). */
export function isIsoDate(s: string): boolean {
  const m = DATE_RE.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!));
  return d.toISOString().slice(0, 10) === s;
}

/** The Asia/Shanghai calendar date of an instant. */
export function shanghaiDate(instant: Date): string {
  return new Date(instant.getTime() + OFFSET_MS).toISOString().slice(0, 10);
}

/** The instant 00:00 Asia/Shanghai starts `date`. */
export function startOfDay(date: string): Date {
  return new Date(Date.parse(`${date}T00:00:00Z`) - OFFSET_MS);
}

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Whole days from `a` to `b` (b - a). */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY_MS);
}

/** First day of the calendar quarter containing `date`. */
export function quarterStart(date: string): string {
  const y = date.slice(0, 4);
  const m = Number(date.slice(5, 7));
  const qm = Math.floor((m - 1) / 3) * 3 + 1;
  return `${y}-${String(qm).padStart(2, '0')}-01`;
}

/** Last day of the calendar quarter containing `date`. */
export function quarterEnd(date: string): string {
  const start = quarterStart(date);
  const y = Number(start.slice(0, 4));
  const m = Number(start.slice(5, 7)) + 3;
  const next = m > 12 ? `${y + 1}-01-01` : `${y}-${String(m).padStart(2, '0')}-01`;
  return addDays(next, -1);
}

/** ISO 8601 week (Monday start) of a date, as `YYYY-Www`. */
export function isoWeek(date: string): string {
  const t = new Date(`${date}T00:00:00Z`);
  const dow = (t.getUTCDay() + 6) % 7; // Monday = 0
  const thursday = new Date(t.getTime() + (3 - dow) * DAY_MS);
  const year = thursday.getUTCFullYear();
  // The week's Thursday decides its year; its day-of-year / 7 is the week number.
  const week = Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / DAY_MS / 7) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** Monday and Sunday of an ISO week `YYYY-Www`; null when malformed or out of range. */
export function isoWeekRange(week: string): { from: string; to: string } | null {
  const m = /^(\d{4})-W(\d{2})$/.exec(week);
  if (!m) return null;
  const year = Number(m[1]);
  const w = Number(m[2]);
  const jan4 = `${year}-01-04`;
  const jan4Dow = (new Date(`${jan4}T00:00:00Z`).getUTCDay() + 6) % 7;
  const monday = addDays(jan4, -jan4Dow + (w - 1) * 7);
  if (w < 1 || isoWeek(monday) !== week) return null;
  return { from: monday, to: addDays(monday, 6) };
}
