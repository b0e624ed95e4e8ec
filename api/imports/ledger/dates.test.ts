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
    ['2025-13-01', 'no such date or time'],
    ['2025-02-29', 'no such date or time'],
    ['2025-03-01 25:00', 'no such date or time'],
    ['3/1/2025', 'not a date'],
    ['25-3-1', 'not a date'],
    ['昨天', 'not a date'],
    ['', 'not a date'],
    [true, 'not a date'],
    [12.5, 'not a date'],
    ['1999-12-31', 'before 2000'],
    ['2026-11-29', 'in the future'],
    [new Date('2030-01-01T00:00:00Z'), 'in the future'],
  ] as const)('refuses %j: %s', (cell, problem) => {
    expect(parseLedgerDate(cell, TODAY)).toMatchObject({ ok: false, problem, expected: expect.stringContaining('2025年3月1日') });
  });

  it('places a date at its own time or the default hour, in Asia/Shanghai', () => {
    expect(ledgerInstant({ date: '2025-03-01', time: null }, '09:00').toISOString()).toBe('2025-03-01T01:00:00.000Z');
    expect(ledgerInstant({ date: '2025-03-01', time: '23:30' }, '09:00').toISOString()).toBe('2025-03-01T15:30:00.000Z');
  });
});
