import { describe, expect, it } from 'vitest';
import { isRunning, makePeriod, notStarted, periodUnit, previousPeriod, samePointPreviousQuarter } from './period.ts';

/** An Asia/Shanghai wall-clock instant. */
const sh = (local: string) => new Date(`${local}+08:00`);

describe('previousPeriod', () => {
  // [case, from, to, now (Shanghai), previous from, previous to, previous end (exclusive, Shanghai)]
  const cases: [string, string, string, string, string, string, string][] = [
    ['running week on Monday', '2026-11-30', '2026-12-06', '2026-11-30T00:30', '2026-11-23', '2026-11-23', '2026-11-23T00:30'],
    ['running week on Wednesday 13:00', '2026-11-30', '2026-12-06', '2026-12-02T13:00', '2026-11-23', '2026-11-25', '2026-11-25T13:00'],
    ['running week on Sunday', '2026-11-30', '2026-12-06', '2026-12-06T23:10', '2026-11-23', '2026-11-29', '2026-11-29T23:10'],
    ['running week across a year end', '2026-12-28', '2027-01-03', '2027-01-01T09:00', '2026-12-21', '2026-12-25', '2026-12-25T09:00'],
    ['month start', '2026-12-01', '2026-12-31', '2026-12-01T09:15', '2026-11-01', '2026-11-01', '2026-11-01T09:15'],
    ['month, same day', '2026-12-01', '2026-12-31', '2026-12-02T13:00', '2026-11-01', '2026-11-02', '2026-11-02T13:00'],
    ['month end 31 -> 30 days: all of November', '2026-12-01', '2026-12-31', '2026-12-31T10:00', '2026-11-01', '2026-11-30', '2026-12-01T00:00'],
    ['31 Mar -> February of 28 days, whole', '2026-03-01', '2026-03-31', '2026-03-31T10:00', '2026-02-01', '2026-02-28', '2026-03-01T00:00'],
    ['29 Mar -> February of 28 days, whole', '2026-03-01', '2026-03-31', '2026-03-29T10:00', '2026-02-01', '2026-02-28', '2026-03-01T00:00'],
    ['a 30-day window is not a month: shifted by 30 days', '2026-03-02', '2026-03-31', '2026-03-31T10:00', '2026-01-31', '2026-03-01', '2026-03-01T10:00'],
    ['本周 to date (Mon..today), Wednesday 13:00', '2026-11-30', '2026-12-02', '2026-12-02T13:00', '2026-11-23', '2026-11-25', '2026-11-25T13:00'],
    ['本周 to date on Monday', '2026-11-30', '2026-11-30', '2026-11-30T08:00', '2026-11-23', '2026-11-23', '2026-11-23T08:00'],
    ['本月 to date (1..today)', '2026-12-01', '2026-12-02', '2026-12-02T13:00', '2026-11-01', '2026-11-02', '2026-11-02T13:00'],
    ['本月 to date on the 31st: all of November', '2026-12-01', '2026-12-31', '2026-12-31T13:00', '2026-11-01', '2026-11-30', '2026-12-01T00:00'],
    ['本季度 to date', '2026-10-01', '2026-12-02', '2026-12-02T13:00', '2026-07-01', '2026-09-02', '2026-09-02T13:00'],
    ['28 Mar -> 28 Feb to the same hour', '2026-03-01', '2026-03-31', '2026-03-28T12:00', '2026-02-01', '2026-02-28', '2026-02-28T12:00'],
    ['January from December (year boundary)', '2027-01-01', '2027-01-31', '2027-01-05T08:00', '2026-12-01', '2026-12-05', '2026-12-05T08:00'],
    ['year start', '2027-01-01', '2027-12-31', '2027-01-01T08:00', '2026-01-01', '2026-01-01', '2026-01-01T08:00'],
    ['29 Feb of a leap year -> 28 Feb, whole', '2028-01-01', '2028-12-31', '2028-02-29T16:00', '2027-01-01', '2027-02-28', '2027-03-01T00:00'],
    ['running quarter', '2026-10-01', '2026-12-31', '2026-12-02T13:00', '2026-07-01', '2026-09-02', '2026-09-02T13:00'],
    ['quarter: 31 Dec -> 30 Sep, whole', '2026-10-01', '2026-12-31', '2026-12-31T13:00', '2026-07-01', '2026-09-30', '2026-10-01T00:00'],
    ['rolling 7 days (近7日) to the same hour', '2026-11-26', '2026-12-02', '2026-12-02T13:00', '2026-11-19', '2026-11-25', '2026-11-25T13:00'],
    ['rolling 12 months', '2025-12-03', '2026-12-02', '2026-12-02T13:00', '2024-12-03', '2025-12-02', '2025-12-02T13:00'],
    ['closed week: the week before, whole', '2026-11-23', '2026-11-29', '2026-12-02T13:00', '2026-11-16', '2026-11-22', '2026-11-23T00:00'],
    ['closed month: the whole month before', '2026-11-01', '2026-11-30', '2026-12-02T13:00', '2026-10-01', '2026-10-31', '2026-11-01T00:00'],
    ['closed February: all of January', '2026-02-01', '2026-02-28', '2026-12-02T13:00', '2026-01-01', '2026-01-31', '2026-02-01T00:00'],
    ['closed part of a month: the same dates', '2026-11-01', '2026-11-15', '2026-12-02T13:00', '2026-10-01', '2026-10-15', '2026-10-16T00:00'],
    ['closed 1..30 Mar: February, whole', '2026-03-01', '2026-03-30', '2026-12-02T13:00', '2026-02-01', '2026-02-28', '2026-03-01T00:00'],
    ['closed quarter: the whole quarter before', '2026-07-01', '2026-09-30', '2026-12-02T13:00', '2026-04-01', '2026-06-30', '2026-07-01T00:00'],
    ['closed year: the year before', '2025-01-01', '2025-12-31', '2026-12-02T13:00', '2024-01-01', '2024-12-31', '2025-01-01T00:00'],
    ['closed part of a week: the same weekdays', '2026-11-23', '2026-11-25', '2026-12-02T13:00', '2026-11-16', '2026-11-18', '2026-11-19T00:00'],
    ['closed 10-day window: the 10 days before', '2026-11-11', '2026-11-20', '2026-12-02T13:00', '2026-11-01', '2026-11-10', '2026-11-11T00:00'],
    ['running window to a future date: the days run so far', '2026-11-30', '2036-11-26', '2026-12-02T13:00', '2026-11-27', '2026-11-29', '2026-11-29T13:00'],
    ['running window from a Thursday: the days run so far', '2026-11-26', '2026-12-10', '2026-12-02T13:00', '2026-11-19', '2026-11-25', '2026-11-25T13:00'],
    ['week not started: the same length before', '2026-12-07', '2026-12-13', '2026-12-02T13:00', '2026-11-30', '2026-12-06', '2026-12-07T00:00'],
  ];
  it.each(cases)('%s', (_, from, to, now, pFrom, pTo, pEnd) => {
    const prev = previousPeriod(makePeriod(from, to, sh(now)), sh(now));
    expect([prev.from, prev.to]).toEqual([pFrom, pTo]);
    expect(prev.end.toISOString()).toBe(sh(pEnd).toISOString());
    expect(prev.start.toISOString()).toBe(sh(`${pFrom}T00:00`).toISOString());
    expect(prev.ref.getTime()).toBeLessThanOrEqual(prev.end.getTime());
    expect(prev.ref.getTime()).toBe(Math.min(prev.end.getTime() - (prev.end.getTime() % 86400_000 === 16 * 3600_000 ? 1 : 0), sh(now).getTime()));
  });

  it('is exactly 7 x 24 h back for a running week, across a European DST change (Asia/Shanghai has none)', () => {
    const now = sh('2026-04-01T13:00'); // Europe moved its clocks on 29 March
    const p = makePeriod('2026-03-30', '2026-04-05', now);
    const prev = previousPeriod(p, now);
    expect(now.getTime() - prev.end.getTime()).toBe(7 * 86400_000);
    expect(p.start.getTime() - prev.start.getTime()).toBe(7 * 86400_000);
  });

  it('keeps days consistent with from/to', () => {
    const now = sh('2026-12-02T13:00');
    const prev = previousPeriod(makePeriod('2026-11-30', '2026-12-06', now), now);
    expect(prev.days).toBe(3);
  });
});

describe('periodUnit', () => {
  const cases: [string, string, ReturnType<typeof periodUnit>][] = [
    ['2026-11-30', '2026-12-06', 'week'],
    ['2026-11-30', '2026-12-02', 'week'], // 本周 to date
    ['2026-12-02', '2026-12-08', 'days'], // seven days from a Wednesday
    ['2026-12-01', '2026-12-07', 'month'], // 本月 to date (a Tuesday the 1st)
    ['2026-10-01', '2026-12-02', 'quarter'], // 本季度 to date
    ['2026-01-01', '2026-05-02', 'year'],
    ['2026-01-01', '2026-01-05', 'month'], // a month, a quarter or a year to date: the smallest
    ['2026-12-01', '2026-12-31', 'month'],
    ['2026-02-01', '2026-02-28', 'month'],
    ['2028-02-01', '2028-02-29', 'month'],
    ['2026-10-01', '2026-12-31', 'quarter'],
    ['2026-01-01', '2026-12-31', 'year'],
    ['2025-12-03', '2026-12-02', 'days'],
    ['2026-12-01', '2026-12-30', 'month'],
    ['2026-11-30', '2026-12-30', 'days'], // from a Monday, but past a week and not from a first
  ];
  it.each(cases)('%s..%s is %s', (from, to, unit) => expect(periodUnit({ from, to })).toBe(unit));
});

describe('isRunning / notStarted', () => {
  const p = makePeriod('2026-11-30', '2026-12-06', sh('2026-12-02T13:00'));
  const cases: [string, boolean, boolean][] = [
    ['2026-11-29T23:59', false, true],
    ['2026-11-30T00:00', true, false],
    ['2026-12-06T23:59', true, false],
    ['2026-12-07T00:00', false, false],
  ];
  it.each(cases)('at %s running=%s notStarted=%s', (now, running, future) => {
    expect(isRunning(p, sh(now))).toBe(running);
    expect(notStarted(p, sh(now))).toBe(future);
  });
});

describe('samePointPreviousQuarter', () => {
  // [case, ref (Shanghai), expected (Shanghai)]
  const cases: [string, string, string][] = [
    ['mid-quarter, same date and time', '2026-12-02T13:00', '2026-09-02T13:00'],
    ['end of a closed Q2: end of Q1', '2026-06-30T23:59:59.999', '2026-03-31T23:59:59.999'],
    ['end of April: end of January', '2026-04-30T23:59:59.999', '2026-01-31T23:59:59.999'],
    ['end of Q4: end of Q3', '2026-12-31T23:59:59.999', '2026-09-30T23:59:59.999'],
    ['30 Dec (not a month end): 30 Sep', '2026-12-30T10:00', '2026-09-30T10:00'],
    ['31 May: February has no 31st, its last day', '2026-05-31T08:00', '2026-02-28T08:00'],
    ['29 May of a leap year: 29 Feb', '2028-05-29T08:00', '2028-02-29T08:00'],
    ['January: October of the year before', '2027-01-15T09:00', '2026-10-15T09:00'],
  ];
  it.each(cases)('%s', (_, ref, expected) => {
    expect(samePointPreviousQuarter(sh(ref)).toISOString()).toBe(sh(expected).toISOString());
  });
});
