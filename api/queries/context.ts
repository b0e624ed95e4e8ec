import type { Period } from '../domain/period.ts';

/** What every metric query needs besides its own filters. */
export interface MetricContext {
  period: Period;
  /** Visits per village per quarter that count as covered. */
  requiredVisits: number;
  /** Township filter (9-digit code) or null for the county. */
  township: string | null;
  /** Days without report or visit after which a village is silent. */
  silenceDays: number;
  /** Dispute/hazard categories and statuses to count; absent or null = all. */
  categories?: readonly string[] | null;
  statuses?: readonly string[] | null;
}

/** The parameters of `village_metrics($1..$8)`, in order. */
export function metricParams(ctx: MetricContext): unknown[] {
  const p = ctx.period;
  return [p.start.toISOString(), p.end.toISOString(), p.ref.toISOString(), ctx.requiredVisits, ctx.township, ctx.silenceDays, ctx.categories ?? null, ctx.statuses ?? null];
}
