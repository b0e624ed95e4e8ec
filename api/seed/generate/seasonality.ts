import { dayOf, dayParts } from './calendar.ts';

/**
 * When things happen. Disputes peak around the Spring Festival (migrant workers home, wages and
 * debts settled, family gatherings) and around the double-cropping rice harvests; hazards follow
 * the rainy season (landslides), winter heating (fires) and holiday travel (traffic).
 */

/** Lunar New Year's Day (Gregorian). Outside the table, early February is a fair stand-in. */
const SPRING_FESTIVAL: Readonly<Record<number, [number, number]>> = {
  2020: [1, 25],
  2021: [2, 12],
  2022: [2, 1],
  2023: [1, 22],
  2024: [2, 10],
  2025: [1, 29],
  2026: [2, 17],
  2027: [2, 6],
  2028: [1, 26],
  2029: [2, 13],
  2030: [2, 3],
};

export function springFestivalDay(year: number): number {
  const md = SPRING_FESTIVAL[year] ?? [2, 5];
  return dayOf(year, md[0], md[1]);
}

/** Bell-shaped bump around the nearest Spring Festival: 1 on the day, ~0 a month away. */
export function springFestivalBump(day: number, sigmaDays: number): number {
  const { year } = dayParts(day);
  let nearest = Infinity;
  for (const y of [year - 1, year, year + 1]) {
    const d = day - springFestivalDay(y);
    if (Math.abs(d) < Math.abs(nearest)) nearest = d;
  }
  return Math.exp(-(nearest * nearest) / (2 * sigmaDays * sigmaDays));
}

/** Fixed-date travel peaks: Qingming (~Apr 4), Labour Day week, National Day week. */
export function isFixedHoliday(day: number): boolean {
  const { month, day: dom } = dayParts(day);
  return (month === 4 && dom >= 3 && dom <= 6) || (month === 5 && dom <= 5) || (month === 10 && dom <= 7);
}

/** Indexed by month - 1. */
export type MonthProfile = readonly [number, number, number, number, number, number, number, number, number, number, number, number];

const FLAT: MonthProfile = [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1];

export const DISPUTE_MONTHS: Readonly<{ land: MonthProfile; labour: MonthProfile; general: MonthProfile }> = {
  // Planting (Mar–Apr) and the early/late rice harvests (Jul–Aug, Oct–Nov) bring boundary rows.
  land: [1.0, 1.0, 1.25, 1.2, 0.9, 0.85, 1.15, 1.15, 0.9, 1.2, 1.15, 0.9],
  // Wage arrears come due before the New Year.
  labour: [1.3, 0.9, 0.85, 0.85, 0.9, 0.9, 0.95, 0.95, 0.95, 1.0, 1.1, 1.45],
  general: [1.05, 1.0, 1.0, 0.95, 0.95, 0.9, 1.0, 1.0, 0.95, 1.0, 1.0, 1.05],
};

export const HAZARD_MONTHS: Readonly<{ geological: MonthProfile; fire: MonthProfile; security: MonthProfile; flat: MonthProfile }> = {
  geological: [0.25, 0.35, 0.7, 1.2, 2.6, 3.2, 2.7, 1.2, 0.6, 0.4, 0.3, 0.25],
  fire: [1.8, 1.6, 1.2, 1.1, 0.7, 0.6, 0.6, 0.6, 0.7, 1.0, 1.3, 1.7],
  security: [0.95, 0.95, 0.95, 1.0, 1.0, 1.05, 1.1, 1.1, 1.0, 1.0, 0.95, 0.95],
  flat: FLAT,
};

export function monthFactor(profile: MonthProfile, day: number): number {
  return profile[dayParts(day).month - 1] as number;
}

/** Mediators and grid workers file mostly on working days. Indexed by weekday (0 = Sunday). */
export const OFFICE_WEEK = [0.55, 1.15, 1.15, 1.1, 1.1, 1.1, 0.7] as const;
export const FIELD_WEEK = [0.85, 1.05, 1.05, 1.05, 1.05, 1.05, 0.9] as const;

export function weekdayFactor(week: readonly number[], day: number): number {
  return week[dayParts(day).weekday] as number;
}

/** Relative volume by local hour (0..23). */
export type HourProfile = readonly number[];

export const OFFICE_HOURS: HourProfile = [0.02, 0.01, 0.01, 0.01, 0.01, 0.03, 0.1, 0.4, 1.0, 1.3, 1.3, 1.0, 0.5, 0.6, 1.1, 1.2, 1.1, 0.8, 0.4, 0.3, 0.25, 0.15, 0.08, 0.04];

export const FIELD_HOURS: HourProfile = [0.15, 0.1, 0.08, 0.08, 0.1, 0.2, 0.45, 0.8, 1.0, 1.1, 1.1, 1.0, 0.8, 0.9, 1.0, 1.05, 1.05, 1.0, 0.95, 0.85, 0.7, 0.5, 0.35, 0.2];

export const WORK_HOURS: HourProfile = [0, 0, 0, 0, 0, 0, 0, 0.2, 1.0, 1.2, 1.2, 0.6, 0.2, 0.5, 1.2, 1.2, 1.0, 0.4, 0.1, 0.15, 0.15, 0, 0, 0];
