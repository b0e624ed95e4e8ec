import type { Handle } from '../db/index.ts';
import type { Period } from '../domain/period.ts';
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

export interface TrendFilter {
  township: string | null;
  categories?: readonly string[] | null;
  statuses?: readonly string[] | null;
}

export async function trend(h: Handle, period: Period, interval: TrendInterval, f: TrendFilter): Promise<Trend> {
  const township = f.township;
  const buckets = await h.query<TrendBucket>(TREND, [period.from, period.to, interval, township, f.categories ?? null, f.statuses ?? null]);
  return { interval, from: period.from, to: period.to, township, buckets };
}
