import { describe, expect, it } from 'vitest';
import { countByCategory, shanghaiDateOf, weeklyBuckets } from './weekly-buckets.ts';

describe('shanghaiDateOf', () => {
  it.each([
    ['2026-11-28T23:59:00+08:00', '2026-11-28'],
    ['2026-11-28T16:30:00Z', '2026-11-29'],
    ['2026-11-28T15:59:59Z', '2026-11-28'],
  ])('%s -> %s', (at, d) => expect(shanghaiDateOf(at)).toBe(d));
});

describe('weeklyBuckets', () => {
  it('clips the first and last ISO weeks to the period and keeps empty weeks', () => {
    // Wed 2026-11-04 .. Tue 2026-11-24: three partial/full weeks.
    const b = weeklyBuckets({ from: '2026-11-04', to: '2026-11-24' }, [], []);
    expect(b.map((x) => [x.start, x.end])).toEqual([
      ['2026-11-04', '2026-11-08'],
      ['2026-11-09', '2026-11-15'],
      ['2026-11-16', '2026-11-22'],
      ['2026-11-23', '2026-11-24'],
    ]);
    expect(b.every((x) => x.disputes === 0 && x.hazards === 0)).toBe(true);
  });

  it.each<[string, string, [number, number, number, number]]>([
    ['Sunday night belongs to its week', '2026-11-08T23:30:00+08:00', [1, 0, 0, 0]],
    ['Monday starts the next week', '2026-11-09T00:10:00+08:00', [0, 1, 0, 0]],
    ['UTC instant read in Shanghai', '2026-11-15T16:30:00Z', [0, 0, 1, 0]],
    ['before the period is ignored', '2026-11-03T12:00:00+08:00', [0, 0, 0, 0]],
    ['after the period is ignored', '2026-11-25T08:00:00+08:00', [0, 0, 0, 0]],
  ])('%s', (_n, at, expected) => {
    const b = weeklyBuckets({ from: '2026-11-04', to: '2026-11-24' }, [{ at }], []);
    expect(b.map((x) => x.disputes)).toEqual(expected);
  });

  it('counts disputes and hazards separately', () => {
    const b = weeklyBuckets({ from: '2026-11-09', to: '2026-11-15' }, [{ at: '2026-11-10T09:00:00+08:00' }], [{ at: '2026-11-10T09:00:00+08:00' }, { at: '2026-11-11T09:00:00+08:00' }]);
    expect(b).toEqual([{ start: '2026-11-09', end: '2026-11-15', disputes: 1, hazards: 2 }]);
  });
});

describe('countByCategory', () => {
  it('keeps the vocabulary order with zeros, and adds unknown categories last', () => {
    expect(countByCategory([{ category: '劳资' }, { category: '劳资' }, { category: '新类' }], ['婚姻家庭', '劳资'])).toEqual([
      { category: '婚姻家庭', count: 0 },
      { category: '劳资', count: 2 },
      { category: '新类', count: 1 },
    ]);
  });
});
