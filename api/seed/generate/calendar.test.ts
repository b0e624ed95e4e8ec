import { describe, expect, it } from 'vitest';
import {
  dayParts,
  epochMinuteOf,
  formatDate,
  formatInstant,
  localDay,
  minuteOfDay,
  nextQuarter,
  parseDate,
  parseInstant,
  quarterKey,
  quarterOfDay,
  quarterStartDay,
} from './calendar.ts';

describe('instants in Asia/Shanghai (UTC+8, no DST)', () => {
  it.each([
    ['2024-03-05T01:12:00Z', '2024-03-05T09:12:00+08:00', '2024-03-05'],
    // 16:00Z is local midnight: the local date moves forward while UTC's has not.
    ['2024-12-31T16:00:00Z', '2025-01-01T00:00:00+08:00', '2025-01-01'],
    ['2024-12-31T15:59:59Z', '2024-12-31T23:59:00+08:00', '2024-12-31'],
    ['2024-02-29T04:00:00Z', '2024-02-29T12:00:00+08:00', '2024-02-29'],
    ['2026-11-28T12:00:00+08:00', '2026-11-28T12:00:00+08:00', '2026-11-28'],
    // Mid-year: a DST-observing zone would shift here; Shanghai does not.
    ['2025-07-01T00:30:00Z', '2025-07-01T08:30:00+08:00', '2025-07-01'],
  ])('%s is %s', (input, iso, date) => {
    const m = epochMinuteOf(new Date(input));
    expect(formatInstant(m)).toBe(iso);
    expect(formatDate(localDay(m))).toBe(date);
    expect(parseInstant(iso)).toBe(m);
  });

  it('truncates to the minute so an event at now never passes now', () => {
    expect(epochMinuteOf(new Date('2024-01-01T00:00:59.999Z'))).toBe(epochMinuteOf(new Date('2024-01-01T00:00:00Z')));
  });

  it.each([
    ['2024-01-01T00:00:00+08:00', 0],
    ['2024-01-01T23:59:00+08:00', 1439],
    ['1969-12-31T20:00:00+08:00', 1200],
  ])('minuteOfDay(%s) = %d', (iso, expected) => {
    expect(minuteOfDay(parseInstant(iso))).toBe(expected);
  });
});

describe('dates', () => {
  it.each([
    ['2024-01-01', 1, 1],
    ['2024-02-10', 2, 6],
    ['2025-01-29', 1, 3],
    ['2026-11-28', 11, 6],
  ])('%s is month %d, weekday %d', (date, month, weekday) => {
    const p = dayParts(parseDate(date));
    expect([p.month, p.weekday]).toEqual([month, weekday]);
    expect(formatDate(parseDate(date))).toBe(date);
  });

  it.each(['2024-02-30', '2024-13-01', '24-01-01', '2024-1-1'])('rejects %s', (bad) => {
    expect(() => parseDate(bad)).toThrow();
  });
});

describe('quarters', () => {
  it.each([
    ['2024-01-01', '2024Q1', '2024-01-01', '2024-04-01'],
    ['2024-03-31', '2024Q1', '2024-01-01', '2024-04-01'],
    ['2024-04-01', '2024Q2', '2024-04-01', '2024-07-01'],
    ['2025-09-30', '2025Q3', '2025-07-01', '2025-10-01'],
    ['2026-11-28', '2026Q4', '2026-10-01', '2027-01-01'],
  ])('%s is in %s [%s, %s)', (date, key, start, next) => {
    const q = quarterOfDay(parseDate(date));
    expect(quarterKey(q)).toBe(key);
    expect(formatDate(quarterStartDay(q))).toBe(start);
    expect(formatDate(quarterStartDay(nextQuarter(q)))).toBe(next);
  });

  it('a UTC instant late on the last day of a quarter belongs to the next local quarter', () => {
    const m = epochMinuteOf(new Date('2024-03-31T17:00:00Z'));
    expect(quarterKey(quarterOfDay(localDay(m)))).toBe('2024Q2');
  });
});
