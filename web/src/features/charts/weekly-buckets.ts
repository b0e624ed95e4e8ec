import { addDays } from '../../../../api/domain/calendar.ts';
import { mondayOf, type DateRange } from '../period/presets.ts';

export interface WeekBucket {
  /** First day of the week inside the period (the period's first day for a partial first week). */
  start: string;
  end: string;
  disputes: number;
  hazards: number;
}

/** The Asia/Shanghai calendar date of an API timestamp ("2026-11-28T16:57:00+08:00"). */
export function shanghaiDateOf(at: string): string {
  if (at.endsWith('+08:00')) return at.slice(0, 10);
  return new Date(Date.parse(at) + 8 * 3600e3).toISOString().slice(0, 10);
}

/**
 * ISO weeks (Monday start) across a period, every week present even when empty, each clipped to
 * the period: the same buckets GET /api/stats/trend?interval=week returns, counted from event
 * rows when the API cannot filter (category/status).
 */
export function weeklyBuckets(period: DateRange, disputes: readonly { at: string }[], hazards: readonly { at: string }[]): WeekBucket[] {
  const buckets: WeekBucket[] = [];
  const index = new Map<string, WeekBucket>();
  for (let monday = mondayOf(period.from); monday <= period.to; monday = addDays(monday, 7)) {
    const b = { start: monday < period.from ? period.from : monday, end: addDays(monday, 6) > period.to ? period.to : addDays(monday, 6), disputes: 0, hazards: 0 };
    buckets.push(b);
    index.set(monday, b);
  }
  const count = (rows: readonly { at: string }[], key: 'disputes' | 'hazards') => {
    for (const r of rows) {
      const d = shanghaiDateOf(r.at);
      if (d < period.from || d > period.to) continue;
      const b = index.get(mondayOf(d));
      if (b) b[key]++;
    }
  };
  count(disputes, 'disputes');
  count(hazards, 'hazards');
  return buckets;
}

/** Rows per category, in the vocabulary's order, zeros included. */
export function countByCategory(rows: readonly { category: string }[], categories: readonly string[]): { category: string; count: number }[] {
  const counts = new Map(categories.map((c) => [c, 0]));
  for (const r of rows) counts.set(r.category, (counts.get(r.category) ?? 0) + 1);
  return [...counts].map(([category, count]) => ({ category, count }));
}
