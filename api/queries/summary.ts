import { quarterStart, shanghaiDate } from '../contract/calendar.ts';
import type { Handle } from '../db/index.ts';
import { isRunning, type Period, type PeriodUnit, periodUnit, previousPeriod, samePointPreviousQuarter } from '../domain/period.ts';
import type { CaseFilter } from '../filter/case-filter.ts';
import { type MetricSettings, type VillageMetricRow, villageMetricArgs } from './metric-rows.ts';
import { rate } from './sql.ts';

export interface Totals {
  disputes: {
    /** Received in the period. */
    total: number;
    /** Concluded in the period (whenever received). */
    concluded: number;
    /** 调解成功 */
    resolved: number;
    /** resolved / concluded; null when nothing concluded. */
    successRate: number | null;
    /** Open at the end of the period. */
    open: number;
  };
  hazards: {
    reported: number;
    open: number;
    overdue: number;
    /** Open hazards by severity 1..4. */
    bySeverity: { 1: number; 2: number; 3: number; 4: number };
  };
  coverage: {
    villages: number;
    met: number;
    atRisk: number;
    missed: number;
    /** met / villages */
    rate: number | null;
    /** First day of the quarter the coverage is counted in. */
    quarter: string;
    /** The instant the quarter's visits are counted up to (a previous period's coverage: the same point of the previous quarter). */
    asOf: string;
    /** Villages with no grid report and no visit for SILENCE_WEEKS ("no information"). */
    silent: number;
  };
}

export interface PeriodInfo {
  from: string;
  to: string;
  asOf: string;
  days: number;
  /** Still running at `now`: the figures are as of `asOf` ("截至 12月2日 13:00（本周未完）"). */
  partial: boolean;
  /** The calendar unit the period starts and lies within, whole or to date (decides what the previous period is). */
  unit: PeriodUnit;
  /** Exclusive end of the counting (ISO instant): 00:00 after `to`, or the same time of day for the comparison of a running period. */
  until: string;
}

export interface Summary {
  township: string | null;
  period: PeriodInfo;
  previousPeriod: PeriodInfo;
  current: Totals;
  previous: Totals;
}

/** One row of `scope_totals` (migration 012): the per-village metrics' counts summed, and the villages by coverage. */
type TotalsRow = Pick<
  VillageMetricRow,
  | 'disputes'
  | 'disputes_concluded'
  | 'disputes_successful'
  | 'disputes_open'
  | 'hazards'
  | 'hazards_open'
  | 'hazards_overdue'
  | 'hazards_open_s1'
  | 'hazards_open_s2'
  | 'hazards_open_s3'
  | 'hazards_open_s4'
> &
  Record<'villages' | 'coverage_met' | 'coverage_at_risk' | 'coverage_missed' | 'silent', number>;

/** Parameters per call: village_metrics' nine (villageMetricArgs), then the instant of coverage and silence. */
const ARGS_PER_CALL = 10;

/**
 * `n` calls of scope_totals in one statement, numbered `k` from 0: the summary's two periods cost one
 * round trip to the database, not two (under bench:load's hundred connections a request's round
 * trips were a third of the server's own time). The text is built from numbers only.
 */
function scopeTotalsSql(n: number): string {
  return Array.from({ length: n }, (_, k) => {
    const $ = (i: number) => `$${k * ARGS_PER_CALL + i}`;
    return `SELECT ${k} AS k, * FROM scope_totals(p_from => ${$(1)}, p_to => ${$(2)}, p_ref => ${$(3)}, p_required => ${$(4)},
  p_township => ${$(5)}, p_silence_days => ${$(6)}, p_categories => ${$(7)}, p_statuses => ${$(8)}, p_campaign => ${$(9)}, p_cov_ref => ${$(10)})`;
  }).join('\nUNION ALL\n');
}

/**
 * The totals every KPI card and briefing shows, for the filter's period and scope: flows and open stocks
 * as of the period's "as of", coverage and silence as of `covRef` (the previous period's are the same point
 * of the previous quarter). The same sums as adding up `village_metrics` (summary.db.test.ts), counted in
 * the database instead of computed per village.
 */
export async function scopeTotals(h: Handle, f: CaseFilter, s: MetricSettings, covRef: Date): Promise<Totals> {
  const [totals] = await scopeTotalsOf(h, s, [{ f, covRef }]);
  return totals!;
}

/** scopeTotals for several filters and instants at once, in their order. */
export async function scopeTotalsOf(h: Handle, s: MetricSettings, asks: readonly { f: CaseFilter; covRef: Date }[]): Promise<Totals[]> {
  const rows = await h.query<TotalsRow & { k: number }>(
    scopeTotalsSql(asks.length),
    asks.flatMap(({ f, covRef }) => [...villageMetricArgs(f, s), covRef.toISOString()]),
  );
  return asks.map(({ covRef }, k) => {
    const r = rows.find((x) => x.k === k);
    if (!r) throw new Error(`scope_totals returned no row for call ${k}`);
    return totalsOf(r, covRef);
  });
}

function totalsOf(r: TotalsRow, covRef: Date): Totals {
  return {
    disputes: {
      total: r.disputes,
      concluded: r.disputes_concluded,
      resolved: r.disputes_successful,
      successRate: rate(r.disputes_successful, r.disputes_concluded),
      open: r.disputes_open,
    },
    hazards: {
      reported: r.hazards,
      open: r.hazards_open,
      overdue: r.hazards_overdue,
      bySeverity: { 1: r.hazards_open_s1, 2: r.hazards_open_s2, 3: r.hazards_open_s3, 4: r.hazards_open_s4 },
    },
    coverage: {
      villages: r.villages,
      met: r.coverage_met,
      atRisk: r.coverage_at_risk,
      missed: r.coverage_missed,
      rate: rate(r.coverage_met, r.villages),
      quarter: quarterStart(shanghaiDate(covRef)),
      asOf: covRef.toISOString(),
      silent: r.silent,
    },
  };
}

/** `unit` defaults to the period's own; a comparison period reports the unit of the period it is compared with. */
export function periodInfo(p: Period, now: Date, unit: PeriodUnit = periodUnit(p)): PeriodInfo {
  return { from: p.from, to: p.to, asOf: p.ref.toISOString(), days: p.days, partial: isRunning(p, now), unit, until: p.end.toISOString() };
}

export async function summary(h: Handle, f: CaseFilter, s: MetricSettings, now: Date): Promise<Summary> {
  const prev = previousPeriod(f.period, now);
  // the previous period's coverage is the same point of the previous quarter (see samePointPreviousQuarter)
  const [current, previous] = (await scopeTotalsOf(h, s, [
    { f, covRef: f.period.ref },
    { f: { ...f, period: prev }, covRef: samePointPreviousQuarter(f.period.ref) },
  ])) as [Totals, Totals];
  return {
    township: f.township,
    period: periodInfo(f.period, now),
    previousPeriod: periodInfo(prev, now, periodUnit(f.period)),
    current,
    previous,
  };
}
