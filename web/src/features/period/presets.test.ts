import { describe, expect, it } from 'vitest';
import { isValidRange, mondayOf, type PeriodPreset, presetRange, shanghaiToday } from './presets.ts';

describe('mondayOf (ISO weeks start on Monday)', () => {
  it.each([
    ['2026-11-23', '2026-11-23'], // Monday
    ['2026-11-28', '2026-11-23'], // Saturday
    ['2026-11-29', '2026-11-23'], // Sunday belongs to the week before
    ['2026-01-01', '2025-12-29'], // Thursday across a year end
    ['2024-03-01', '2024-02-26'], // leap year
  ])('%s -> %s', (date, monday) => expect(mondayOf(date)).toBe(monday));
});

describe('presetRange', () => {
  const cases: [PeriodPreset, string, string, string][] = [
    ['thisWeek', '2026-11-28', '2026-11-23', '2026-11-28'],
    ['thisWeek', '2026-11-23', '2026-11-23', '2026-11-23'],
    ['thisWeek', '2026-11-29', '2026-11-23', '2026-11-29'],
    ['lastWeek', '2026-11-28', '2026-11-16', '2026-11-22'],
    ['lastWeek', '2026-01-02', '2025-12-22', '2025-12-28'],
    ['thisMonth', '2026-11-28', '2026-11-01', '2026-11-28'],
    ['thisMonth', '2026-03-01', '2026-03-01', '2026-03-01'],
    ['thisQuarter', '2026-11-28', '2026-10-01', '2026-11-28'],
    ['thisQuarter', '2026-03-31', '2026-01-01', '2026-03-31'],
    ['last12Months', '2026-11-28', '2025-11-29', '2026-11-28'],
    ['last12Months', '2024-02-29', '2023-03-02', '2024-02-29'],
  ];
  it.each(cases)('%s on %s is %s..%s', (preset, today, from, to) => {
    expect(presetRange(preset, today)).toEqual({ from, to });
  });

  it('custom uses its own valid range', () => {
    expect(presetRange('custom', '2026-11-28', { from: '2026-01-05', to: '2026-02-01' })).toEqual({ from: '2026-01-05', to: '2026-02-01' });
  });

  it.each([[{}], [{ from: '2026-02-01', to: '2026-01-05' }], [{ from: '2026-02-30', to: '2026-03-05' }], [{ from: '2010-01-01', to: '2026-01-01' }]])(
    'custom falls back to the last 12 months when invalid: %j',
    (custom) => {
      expect(presetRange('custom', '2026-11-28', custom)).toEqual({ from: '2025-11-29', to: '2026-11-28' });
    },
  );
});

describe('isValidRange', () => {
  it.each([
    [{ from: '2026-01-01', to: '2026-01-01' }, true],
    [{ from: '2026-01-02', to: '2026-01-01' }, false],
    [{ from: '1999-12-31', to: '2000-01-05' }, false],
    [{ from: '2026-1-1', to: '2026-01-05' }, false],
    [{ from: '2016-01-01', to: '2026-01-01' }, true], // 3,653 days: inside the API's 3,660
    [{ from: '2015-12-01', to: '2026-01-01' }, false],
  ])('%j -> %s', (r, ok) => expect(isValidRange(r)).toBe(ok));

  it.each([
    [{ from: '2026-12-02', to: '2026-12-31' }, true], // running: starts today
    [{ from: '2026-12-03', to: '2026-12-31' }, false], // not started
    [{ from: '2026-11-01', to: '2036-11-01' }, true], // started, ends in the future
  ])('given today 2026-12-02: %j -> %s', (r, ok) => expect(isValidRange(r, '2026-12-02')).toBe(ok));

  it('a custom period that has not started falls back to the last 12 months', () => {
    expect(presetRange('custom', '2026-12-02', { from: '2026-12-03', to: '2026-12-09' })).toEqual(presetRange('last12Months', '2026-12-02'));
  });
});

describe('shanghaiToday', () => {
  it.each([
    ['2026-11-28T15:59:59Z', '2026-11-28'],
    ['2026-11-28T16:00:00Z', '2026-11-29'], // midnight in Hengyang while it is still the 28th in UTC
    ['2026-12-31T17:30:00Z', '2027-01-01'],
  ])('%s -> %s', (instant, date) => expect(shanghaiToday(new Date(instant))).toBe(date));
});
