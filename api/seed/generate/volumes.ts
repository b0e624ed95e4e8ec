import { CumulativeTable, type Rng } from '../../../geodata/prng.ts';
import { dayParts, dayStartMinute, localDay, minuteOfDay, yearStartDay } from './calendar.ts';
import type { HourProfile } from './seasonality.ts';

/**
 * How many events of one kind happen, and when. Volumes are set per calendar year (the unit
 * of the published figures) and spread over days by a seasonal weight, so a partial year gets
 * its seasonal share rather than a pro-rata share of the days.
 */

export interface VolumePlan {
  /** Expected events in a full calendar year (already multiplied by scale). */
  annual: number;
  /** Relative weight of a local day. */
  dayWeight: (day: number) => number;
  hours: HourProfile;
  /** First local day covered. */
  firstDay: number;
  /** Events are strictly no later than this epoch minute. */
  nowMinute: number;
  /** Full-year counts fixed by published figures; they replace annual for that year. */
  pinned?: ReadonlyMap<number, number>;
  /** Year-to-year drift around the rate (1 = none). */
  yearFactor?: (year: number) => number;
}

/** Share of a day's hour-profile weight that lies in minutes 0..lastMinute (inclusive). */
export function elapsedShare(hours: HourProfile, lastMinute: number): number {
  let total = 0;
  let elapsed = 0;
  for (let h = 0; h < 24; h++) {
    const w = hours[h] ?? 0;
    total += w;
    const minutesIn = Math.min(60, Math.max(0, lastMinute + 1 - h * 60));
    elapsed += (w * minutesIn) / 60;
  }
  return total > 0 ? elapsed / total : 0;
}

/** A minute of the day (0..lastMinute) drawn from an hourly profile. */
export function sampleMinuteOfDay(rng: Rng, hours: HourProfile, lastMinute = 1439): number {
  const weights: number[] = [];
  for (let h = 0; h < 24; h++) {
    const minutesIn = Math.min(60, Math.max(0, lastMinute + 1 - h * 60));
    weights.push(((hours[h] ?? 0) * minutesIn) / 60);
  }
  if (!weights.some((w) => w > 0)) return rng.int(lastMinute + 1);
  const h = rng.weightedIndex(weights);
  const span = Math.min(60, lastMinute + 1 - h * 60);
  return h * 60 + rng.int(span);
}

/** Event instants (epoch minutes), ascending. */
export function planEventTimes(rng: Rng, plan: VolumePlan): number[] {
  const lastDay = localDay(plan.nowMinute);
  const lastMinute = minuteOfDay(plan.nowMinute);
  const out: number[] = [];
  if (lastDay < plan.firstDay) return out;
  const todayShare = elapsedShare(plan.hours, lastMinute);
  for (let year = dayParts(plan.firstDay).year; year <= dayParts(lastDay).year; year++) {
    const y0 = yearStartDay(year);
    const y1 = yearStartDay(year + 1);
    const from = Math.max(y0, plan.firstDay);
    const to = Math.min(y1 - 1, lastDay);
    let yearWeight = 0;
    const covered: number[] = [];
    for (let d = y0; d < y1; d++) {
      const w = plan.dayWeight(d);
      yearWeight += w;
      if (d >= from && d <= to) covered.push(d === lastDay ? w * todayShare : w);
    }
    const fullyCovered = from === y0 && to === y1 - 1 && to !== lastDay;
    const coveredWeight = covered.reduce((s, w) => s + w, 0);
    const share = fullyCovered ? 1 : yearWeight > 0 ? coveredWeight / yearWeight : 0;
    const pinned = plan.pinned?.get(year);
    const expected = pinned ?? plan.annual * (plan.yearFactor ? plan.yearFactor(year) : 1);
    const count = Math.round(expected * share);
    if (count === 0 || coveredWeight <= 0) continue;
    const table = new CumulativeTable(covered);
    for (let i = 0; i < count; i++) {
      const day = from + table.sample(rng);
      const minute = sampleMinuteOfDay(rng, plan.hours, day === lastDay ? lastMinute : 1439);
      out.push(dayStartMinute(day) + minute);
    }
  }
  return out.sort((a, b) => a - b);
}
