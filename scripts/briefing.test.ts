import { describe, expect, it } from 'vitest';
import { weekNotStarted, weekProblem } from './briefing.ts';

// Wednesday 2 Dec 2026, 13:00 Asia/Shanghai: the current week is 2026-W49 (30 Nov - 6 Dec).
const now = new Date('2026-12-02T13:00:00+08:00');

describe('weekNotStarted (npm run briefing refuses a future week before starting Chromium)', () => {
  it.each([
    ['2026-W48', null],
    ['2026-W49', null], // running: a partial briefing, not refused
    ['2026-W50', '2026-W50 has not started yet: it starts on 2026-12-07, and today is 2026-12-02 (the current week is 2026-W49)'],
    ['2099-W52', '2099-W52 has not started yet'],
  ])('%s', (week, message) => {
    const out = weekNotStarted(week, now);
    if (message === null) expect(out).toBeNull();
    else expect(out).toContain(message);
  });

  it('takes the Shanghai date: Sunday 23:30 Beijing time is still the old week, Monday 00:10 the new one', () => {
    expect(weekNotStarted('2026-W50', new Date('2026-12-06T23:30:00+08:00'))).not.toBeNull();
    expect(weekNotStarted('2026-W50', new Date('2026-12-07T00:10:00+08:00'))).toBeNull();
  });
});

describe('weekProblem (npm run briefing refuses a week it cannot serve before starting Chromium)', () => {
  it.each<[string, RegExp | null]>([
    ['2026-W47', null],
    ['2000-W01', null],
    ['2099-W52', null],
    ['2020-W53', null],
    ['1999-W52', /outside 2000-01-01\.\.2099-12-31/],
    ['2099-W53', /outside/], // it exists: its Sunday is in 2100
    ['2100-W01', /outside/],
    ['0000-W01', /outside/],
    ['9999-W52', /outside/],
    ['2021-W53', /must be an ISO week/],
    ['2026-W00', /must be an ISO week/],
    ['2026-w47', /must be an ISO week/],
  ])('%s', (week, problem) => {
    const out = weekProblem(week);
    if (problem === null) expect(out).toBeNull();
    else expect(out).toMatch(problem);
  });
});
