import { describe, expect, it } from 'vitest';
import { lastWeeks, liveRange, weekNumber } from './weeks.ts';

describe('playback weeks', () => {
  it('are the 12 ISO weeks (Monday start) up to the running one, oldest first, the last cut at today', () => {
    // 2026-11-25 is a Wednesday in ISO week 48.
    const weeks = lastWeeks('2026-11-25');
    expect(weeks).toHaveLength(12);
    expect(weeks.at(-1)).toEqual({ week: '2026-W48', from: '2026-11-23', to: '2026-11-25' });
    expect(weeks.at(-2)).toEqual({ week: '2026-W47', from: '2026-11-16', to: '2026-11-22' });
    expect(weeks[0]!.week).toBe('2026-W37');
    for (const w of weeks) expect(new Date(`${w.from}T00:00:00Z`).getUTCDay()).toBe(1);
  });

  it('cross the year boundary by ISO rules (2027-01-01 is in 2026-W53)', () => {
    const weeks = lastWeeks('2027-01-06', 2);
    expect(weeks.map((w) => w.week)).toEqual(['2026-W53', '2027-W01']);
    expect(weekNumber('2026-W53')).toBe(53);
  });

  it('live range is the last 7 days including today', () => {
    expect(liveRange('2026-03-01')).toEqual({ from: '2026-02-23', to: '2026-03-01' });
  });
});
