import { describe, expect, it } from 'vitest';
import { ledgerInstant, parseLedgerDate } from './dates.ts';

const TODAY = '2026-11-28';

describe('ledger dates', () => {
  it.each([
    ['2025-03-01', '2025-03-01', null],
    ['2025/3/1', '2025-03-01', null],
    ['2025.3.1', '2025-03-01', null],
    ['2025年3月1日', '2025-03-01', null],
    ['2025年03月01号', '2025-03-01', null],
    ['20250301', '2025-03-01', null],
    [20250301, '2025-03-01', null],
    ['２０２５－０３－０１', '2025-03-01', null],
    ['2025-03-01 14:30', '2025-03-01', '14:30'],
    ['2025/3/1 8:05:00', '2025-03-01', '08:05'],
    ['2025年3月1日 14时30分', '2025-03-01', '14:30'],
    [new Date('2025-03-01T00:00:00Z'), '2025-03-01', null],
    [new Date('2025-03-01T14:30:00Z'), '2025-03-01', '14:30'],
    [45717, '2025-03-01', null],
    [45717.375, '2025-03-01', '09:00'],
    ['2000-01-01', '2000-01-01', null],
    [TODAY, TODAY, null],
  ] as const)('reads %j as %s %s', (cell, date, time) => {
    expect(parseLedgerDate(cell, TODAY)).toEqual({ ok: true, value: { date, time } });
  });

  it.each([
    ['2025-13-01', '没有这一天（或时间无效）'],
    ['2025-02-29', '没有这一天（或时间无效）'],
    ['2025-03-01 25:00', '没有这一天（或时间无效）'],
    ['3/1/2025', '不是日期'],
    ['25-3-1', '不是日期'],
    ['昨天', '不是日期'],
    ['', '不是日期'],
    [true, '不是日期'],
    [12.5, '不是日期'],
    ['1999-12-31', '早于2000年'],
    ['2026-11-29', '晚于今天'],
    [new Date('2030-01-01T00:00:00Z'), '晚于今天'],
  ] as const)('refuses %j: %s', (cell, problem) => {
    expect(parseLedgerDate(cell, TODAY)).toMatchObject({ ok: false, problem, expected: expect.stringContaining('2025年3月1日') });
  });

  it('places a date at its own time or the default hour, in Asia/Shanghai', () => {
    expect(ledgerInstant({ date: '2025-03-01', time: null }, '09:00').toISOString()).toBe('2025-03-01T01:00:00.000Z');
    expect(ledgerInstant({ date: '2025-03-01', time: '23:30' }, '09:00').toISOString()).toBe('2025-03-01T15:30:00.000Z');
  });
});
