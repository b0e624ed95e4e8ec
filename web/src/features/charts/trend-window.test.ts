import { describe, expect, it } from 'vitest';
import { addDays } from '../../../../api/contract/calendar.ts';
import { mondayOf } from '../period/presets.ts';
import { trendWindow, weeksTouched } from './trend-window.ts';

describe('trendWindow', () => {
  it.each([
    // [name, period, from asked, contextWeeks]
    ['a running week (Mon-Wed)', { from: '2026-11-30', to: '2026-12-02' }, '2026-09-14', 11],
    ['a whole past week', { from: '2026-11-23', to: '2026-11-29' }, '2026-09-07', 11],
    ['a day (a Sunday)', { from: '2026-11-29', to: '2026-11-29' }, '2026-09-07', 11],
    ['a month starting on a Sunday (6 weeks touched)', { from: '2026-11-01', to: '2026-11-30' }, '2026-09-14', 6],
    ['本月 from a Tuesday: 30 Nov is context, not the month', { from: '2026-12-01', to: '2026-12-02' }, '2026-09-14', 11],
    ['a week across a year end', { from: '2025-12-29', to: '2026-01-04' }, '2025-10-13', 11],
    ['11 weeks and a day (12 touched)', { from: '2026-09-07', to: '2026-11-23' }, '2026-09-07', 0],
    ['12 weeks exactly', { from: '2026-09-07', to: '2026-11-29' }, '2026-09-07', 0],
    ['a year', { from: '2025-12-03', to: '2026-12-02' }, '2025-12-03', 0],
    ['a week too close to 2000-01-01 to widen', { from: '2000-01-03', to: '2000-01-09' }, '2000-01-03', 0],
  ])('%s', (_name, period, from, contextWeeks) => {
    const w = trendWindow(period);
    expect(w).toMatchObject({ from, to: period.to, contextWeeks });
    expect(w.selected).toEqual(contextWeeks > 0 ? period : null);
    // The weeks before the period are asked for apart: whole weeks, ending the Sunday before its first week.
    expect(w.context).toEqual(contextWeeks > 0 ? { from, to: addDays(mondayOf(period.from), -1) } : null);
    if (w.context) expect(weeksTouched(w.context)).toBe(contextWeeks);
    // The window always touches at least 12 weeks once widened, and never starts mid-week then.
    if (contextWeeks > 0) {
      expect(weeksTouched(w)).toBe(12);
      expect(new Date(`${w.from}T00:00:00Z`).getUTCDay()).toBe(1);
    }
  });

  it('takes another number of weeks', () => {
    expect(trendWindow({ from: '2026-11-30', to: '2026-12-02' }, 4)).toMatchObject({ from: '2026-11-09', contextWeeks: 3 });
  });
});
