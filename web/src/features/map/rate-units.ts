import { daysBetween } from '../../../../api/contract/calendar.ts';

/** An inclusive Asia/Shanghai date range: the period the numbers cover. */
export interface Period {
  from: string;
  to: string;
}

/**
 * Periods shorter than this many days give dispute rates per 10,000 residents, longer ones per
 * 1,000. Over a week a township of 50,000 with 5 disputes is 0.1 per 1,000 and a village of 2,000
 * with one dispute 0.5: at one decimal the county reads "0.0-0.2". Per 10,000 those are 1.0 and
 * 5.0. A quarter and longer keep the familiar per 1,000 (README, "Map classes and units").
 */
export const PER_10000_BELOW_DAYS = 90;

/** How a period's dispute rate is written: residents per unit, its unit and its label. */
export interface RateUnit {
  per: 1000 | 10000;
  unitKey: 'unit_per1000' | 'unit_per10000';
  labelKey: 'metric_disputeRate' | 'metric_disputeRate10k';
}

const PER_1000: RateUnit = { per: 1000, unitKey: 'unit_per1000', labelKey: 'metric_disputeRate' };
const PER_10000: RateUnit = { per: 10000, unitKey: 'unit_per10000', labelKey: 'metric_disputeRate10k' };

/** Days in an inclusive period. */
export function periodDays(p: Period): number {
  return daysBetween(p.from, p.to) + 1;
}

/** The rate unit for a period; without one (a caller that does not know it) per 1,000. */
export function rateUnitFor(period: Period | null | undefined): RateUnit {
  return period && periodDays(period) < PER_10000_BELOW_DAYS ? PER_10000 : PER_1000;
}

/** Disputes per `per` residents; null for an unpopulated unit. */
export function disputeRate(cases: number, population: number, per: number): number | null {
  return population > 0 ? (cases / population) * per : null;
}

/** Disputes per 1,000 residents; null for an unpopulated unit. */
export function per1000(cases: number, population: number): number | null {
  return disputeRate(cases, population, 1000);
}
