import { describe, expect, it } from 'vitest';
import { addDays, isIsoDate, isoWeek, isoWeekRange, quarterEnd, quarterStart, shanghaiDate, startOfDay } from './calendar.ts';

describe('isIsoDate', () => {
  it.each([
    ['2026-11-28', true],
    ['2024-02-29', true],
    ['2025-02-29', false],
    ['2026-13-01', false],
    ['2026-1-01', false],
    ['20261128', false],
    ['', false],
  ])('%s -> %s', (s, ok) => expect(isIsoDate(s)).toBe(ok));
});

describe('Asia/Shanghai days', () => {
  it.each([
    ['2026-11-27T15:59:59Z', '2026-11-27'],
    ['2026-11-27T16:00:00Z', '2026-11-28'],
    ['2024-01-01T00:00:00+08:00', '2024-01-01'],
  ])('%s is %s in Shanghai', (iso, date) => expect(shanghaiDate(new Date(iso))).toBe(date));

  it('starts a day at 16:00 UTC the day before', () => {
    expect(startOfDay('2026-01-01').toISOString()).toBe('2025-12-31T16:00:00.000Z');
  });

  it.each([
    ['2024-02-28', 1, '2024-02-29'],
    ['2024-12-31', 1, '2025-01-01'],
    ['2025-03-01', -1, '2025-02-28'],
    ['2026-11-28', -364, '2025-11-29'],
  ])('%s + %i = %s', (d, n, out) => expect(addDays(d, n)).toBe(out));
});

describe('quarters', () => {
  it.each([
    ['2026-11-28', '2026-10-01', '2026-12-31'],
    ['2026-01-01', '2026-01-01', '2026-03-31'],
    ['2024-06-30', '2024-04-01', '2024-06-30'],
    ['2024-08-15', '2024-07-01', '2024-09-30'],
  ])('%s is in %s..%s', (d, s, e) => {
    expect(quarterStart(d)).toBe(s);
    expect(quarterEnd(d)).toBe(e);
  });
});

describe('ISO weeks', () => {
  it.each([
    ['2026-11-16', '2026-W47'],
    ['2026-11-22', '2026-W47'],
    ['2026-11-23', '2026-W48'],
    ['2021-01-03', '2020-W53'],
    ['2024-12-30', '2025-W01'],
    ['2026-01-01', '2026-W01'],
  ])('%s is in %s', (d, w) => expect(isoWeek(d)).toBe(w));

  it.each([
    ['2026-W47', { from: '2026-11-16', to: '2026-11-22' }],
    ['2020-W53', { from: '2020-12-28', to: '2021-01-03' }],
    ['2025-W01', { from: '2024-12-30', to: '2025-01-05' }],
    ['2026-W53', { from: '2026-12-28', to: '2027-01-03' }],
    ['2025-W53', null],
    ['2026-W00', null],
    ['2026-47', null],
  ])('%s spans %j', (w, range) => expect(isoWeekRange(w)).toEqual(range));
});
