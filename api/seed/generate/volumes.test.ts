import { describe, expect, it } from 'vitest';
import { Rng } from '../../../geodata/prng.ts';
import { dayParts, formatDate, localDay, minuteOfDay, parseDate, parseInstant } from './calendar.ts';
import { OFFICE_HOURS, WORK_HOURS } from './seasonality.ts';
import { elapsedShare, planEventTimes, sampleMinuteOfDay } from './volumes.ts';

const FLAT_HOURS = new Array<number>(24).fill(1);

describe('elapsedShare', () => {
  it.each([
    [FLAT_HOURS, 1439, 1],
    [FLAT_HOURS, 719, 0.5],
    [FLAT_HOURS, 29, 30 / 1440],
    [WORK_HOURS, 6 * 60, 0],
  ])('share of the day elapsed by minute %#', (hours, last, expected) => {
    expect(elapsedShare(hours, last)).toBeCloseTo(expected, 9);
  });
});

describe('sampleMinuteOfDay', () => {
  it.each([1439, 600, 545, 0])('never passes minute %d', (last) => {
    const rng = new Rng(4);
    for (let i = 0; i < 2000; i++) {
      const m = sampleMinuteOfDay(rng, OFFICE_HOURS, last);
      expect(m).toBeGreaterThanOrEqual(0);
      expect(m).toBeLessThanOrEqual(last);
    }
  });

  it('follows the profile (no work visits at night)', () => {
    const rng = new Rng(5);
    for (let i = 0; i < 2000; i++) expect(WORK_HOURS[Math.floor(sampleMinuteOfDay(rng, WORK_HOURS) / 60)]).toBeGreaterThan(0);
  });
});

describe('planEventTimes', () => {
  const base = {
    annual: 1000,
    dayWeight: (d: number) => (dayParts(d).month <= 2 ? 2 : 1),
    hours: OFFICE_HOURS,
    firstDay: parseDate('2024-01-01'),
    nowMinute: parseInstant('2025-03-15T10:20:00+08:00'),
  };

  it('honours pinned full-year counts exactly and rates elsewhere', () => {
    const times = planEventTimes(new Rng(1), { ...base, pinned: new Map([[2024, 859]]) });
    const in2024 = times.filter((t) => dayParts(localDay(t)).year === 2024).length;
    expect(in2024).toBe(859);
    // 2025 up to mid-March is the heavy Jan–Feb plus half of March: (59·2 + 14.4) / (59·2 + 306) of 1,000.
    const in2025 = times.length - in2024;
    expect(in2025).toBeGreaterThan(290);
    expect(in2025).toBeLessThan(335);
  });

  it('is sorted, starts on the first day and never passes now', () => {
    const times = planEventTimes(new Rng(2), base);
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    expect(formatDate(localDay(times[0]!)) >= '2024-01-01').toBe(true);
    expect(times[times.length - 1]!).toBeLessThanOrEqual(base.nowMinute);
  });

  it('puts seasonal weight where the profile says', () => {
    const times = planEventTimes(new Rng(3), { ...base, nowMinute: parseInstant('2024-12-31T23:59:00+08:00') });
    const janFeb = times.filter((t) => dayParts(localDay(t)).month <= 2).length;
    expect(janFeb / times.length).toBeGreaterThan(0.22);
    expect(janFeb / times.length).toBeLessThan(0.34);
  });

  it('covers today only up to the current minute', () => {
    const now = parseInstant('2024-06-01T09:05:00+08:00');
    const times = planEventTimes(new Rng(4), { ...base, annual: 200000, nowMinute: now });
    const today = times.filter((t) => localDay(t) === localDay(now));
    expect(today.length).toBeGreaterThan(0);
    for (const t of today) expect(minuteOfDay(t)).toBeLessThanOrEqual(9 * 60 + 5);
  });

  it('returns nothing before the first day', () => {
    expect(planEventTimes(new Rng(5), { ...base, nowMinute: parseInstant('2023-12-31T12:00:00+08:00') })).toEqual([]);
  });
});
