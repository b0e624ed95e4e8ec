import { type Principal, seesTownship } from '../auth/principal.ts';
import { shanghaiDate } from '../contract/calendar.ts';
import { type CaseFilterValues, MAX_DATE, MAX_PERIOD_DAYS, MIN_DATE } from '../contract/case-filter.ts';
import { notStarted, type Period, resolvePeriod } from '../domain/period.ts';
import { ForbiddenError, UnprocessableError, ValidationError } from '../errors.ts';

/**
 * The case filter as every read query takes it: the wire filter (api/contract/case-filter.ts)
 * scoped to the caller and with its period resolved. `null` means "all".
 */
export interface CaseFilter {
  period: Period;
  /** 9-digit township code, or null for the whole county (as far as the caller sees it). */
  township: string | null;
  /** Dispute/hazard categories (visit kinds for visits) and statuses to count. */
  categories: readonly string[] | null;
  statuses: readonly string[] | null;
  /** A campaign's code: only the disputes and hazards tagged with it; null for all. */
  campaign: string | null;
  /** The instant the period was resolved at: whatever else a handler cuts at "now" (a comparison period) reads this one clock. */
  now: Date;
}

/**
 * The township a request is about: the one asked for, which must lie in the caller's scope
 * (403 `out_of_scope` otherwise, not an empty answer), or, for a chief or an officer who asked
 * for none, their own, so "the whole map" means their township.
 */
export function scopeTownship(p: Principal, requested: string | undefined): string | undefined {
  if (requested !== undefined && !seesTownship(p, requested)) throw new ForbiddenError(`township ${requested} is outside your scope`, 'out_of_scope');
  return requested ?? (p.role === 'township' || p.role === 'officer' ? (p.townshipCode ?? undefined) : undefined);
}

/**
 * The period of a query with one bound only, completed with today (or a year before `to`), obeys
 * the limits the schema checks when both are given (api/contract/case-filter.ts `checkPeriod` and
 * `isoDate`), refused with the same field and message: at most MAX_PERIOD_DAYS long (`to`), and
 * starting no earlier than MIN_DATE (`from`). Without either bound it is the default period.
 * A period that has not started (`from` after today, Asia/Shanghai) has no figures to show and
 * nothing to compare with: 422 `period_not_started`, not an answer of zeros.
 */
export function resolveCheckedPeriod(q: { from?: string | undefined; to?: string | undefined }, now: Date): Period {
  const period = resolvePeriod(q, now);
  if (q.from === undefined && q.to === undefined) return period;
  if (period.days > MAX_PERIOD_DAYS) throw new ValidationError('invalid query: to', { to: `the period may span at most ${MAX_PERIOD_DAYS} days` });
  if (period.from < MIN_DATE) throw new ValidationError('invalid query: from', { from: `expected a date between ${MIN_DATE} and ${MAX_DATE}` });
  if (notStarted(period, now)) {
    const today = shanghaiDate(now);
    throw new UnprocessableError('period_not_started', `the period starts on ${period.from}, after today (${today}, Asia/Shanghai)`, {
      from: `expected a date no later than today (${today})`,
    });
  }
  return period;
}

/** The filter of a parsed query, for this caller at this instant (fields the route does not take are absent). */
export function resolveFilter(q: Partial<CaseFilterValues>, caller: Principal, now: Date): CaseFilter {
  return {
    period: resolveCheckedPeriod(q, now),
    township: scopeTownship(caller, q.township) ?? null,
    categories: q.category ?? null,
    statuses: q.status ?? null,
    campaign: q.campaign ?? null,
    now,
  };
}
