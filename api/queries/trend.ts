import { shanghaiDate } from '../contract/calendar.ts';
import type { Handle } from '../db/index.ts';
import type { CaseFilter } from '../filter/case-filter.ts';
import { sqlFile } from './sql.ts';

const TREND = sqlFile(import.meta.url, 'trend.sql');

export type TrendInterval = 'week' | 'month';

export interface TrendBucket {
  /** First day of the bucket inside the period. */
  start: string;
  /** Last day of the bucket inside the period. */
  end: string;
  disputes: number;
  hazards: number;
  visits: number;
}

export interface Trend {
  interval: TrendInterval;
  from: string;
  to: string;
  township: string | null;
  buckets: TrendBucket[];
}

export async function trend(h: Handle, f: CaseFilter, interval: TrendInterval): Promise<Trend> {
  const { period, township } = f;
  // Days after today have no events yet: buckets stop at today instead of drawing a future of zeros.
  const today = shanghaiDate(f.now);
  const to = [period.to, today].sort()[0]!;
  const buckets = await h.query<TrendBucket>(TREND, [period.from, to, interval, township, f.categories, f.statuses, f.campaign]);
  return { interval, from: period.from, to, township, buckets };
}
