import { quarterStart, shanghaiDate } from '../contract/calendar.ts';
import type { Handle } from '../db/index.ts';
import { isRunning, type Period, type PeriodUnit, periodUnit, previousPeriod, samePointPreviousQuarter } from '../domain/period.ts';
import type { CaseFilter } from '../filter/case-filter.ts';
import { type MetricSettings, type VillageMetricRow, villageMetricRows } from './metric-rows.ts';
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

/** Sums per-village rows into the totals every KPI card and briefing shows. */
export function totalsOf(rows: readonly VillageMetricRow[], ref: Date): Totals {
  const quarter = quarterStart(shanghaiDate(ref));
  const t: Totals = {
    disputes: { total: 0, concluded: 0, resolved: 0, successRate: null, open: 0 },
    hazards: { reported: 0, open: 0, overdue: 0, bySeverity: { 1: 0, 2: 0, 3: 0, 4: 0 } },
    coverage: { villages: rows.length, met: 0, atRisk: 0, missed: 0, rate: null, quarter, asOf: ref.toISOString(), silent: 0 },
  };
  for (const r of rows) {
    t.disputes.total += r.disputes;
    t.disputes.concluded += r.disputes_concluded;
    t.disputes.resolved += r.disputes_successful;
    t.disputes.open += r.disputes_open;
    t.hazards.reported += r.hazards;
    t.hazards.open += r.hazards_open;
    t.hazards.overdue += r.hazards_overdue;
    t.hazards.bySeverity[1] += r.hazards_open_s1;
    t.hazards.bySeverity[2] += r.hazards_open_s2;
    t.hazards.bySeverity[3] += r.hazards_open_s3;
    t.hazards.bySeverity[4] += r.hazards_open_s4;
    if (r.coverage_status === 'met') t.coverage.met++;
    else if (r.coverage_status === 'at_risk') t.coverage.atRisk++;
    else t.coverage.missed++;
    if (r.silent) t.coverage.silent++;
  }
  t.disputes.successRate = rate(t.disputes.resolved, t.disputes.concluded);
  t.coverage.rate = rate(t.coverage.met, t.coverage.villages);
  return t;
}

/** `unit` defaults to the period's own; a comparison period reports the unit of the period it is compared with. */
export function periodInfo(p: Period, now: Date, unit: PeriodUnit = periodUnit(p)): PeriodInfo {
  return { from: p.from, to: p.to, asOf: p.ref.toISOString(), days: p.days, partial: isRunning(p, now), unit, until: p.end.toISOString() };
}

/**
 * The previous period's totals; its coverage is the same point of the previous quarter (see
 * `samePointPreviousQuarter`), read with a third query only when the previous period ends elsewhere.
 */
export async function previousTotals(h: Handle, f: CaseFilter, s: MetricSettings, prev: Period, before: readonly VillageMetricRow[]): Promise<Totals> {
  const totals = totalsOf(before, prev.ref);
  const covRef = samePointPreviousQuarter(f.period.ref);
  if (covRef.getTime() === prev.ref.getTime()) return totals;
  const covRows = await villageMetricRows(h, { ...f, period: { ...prev, ref: covRef } }, s);
  return { ...totals, coverage: totalsOf(covRows, covRef).coverage };
}

export async function summary(h: Handle, f: CaseFilter, s: MetricSettings, now: Date): Promise<Summary> {
  const prev = previousPeriod(f.period, now);
  const current = await villageMetricRows(h, f, s);
  const before = await villageMetricRows(h, { ...f, period: prev }, s);
  return {
    township: f.township,
    period: periodInfo(f.period, now),
    previousPeriod: periodInfo(prev, now, periodUnit(f.period)),
    current: totalsOf(current, f.period.ref),
    previous: await previousTotals(h, f, s, prev, before),
  };
}
