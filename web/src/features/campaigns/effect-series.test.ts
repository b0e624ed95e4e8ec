import { describe, expect, it } from 'vitest';
import { effectChartModel, niceMax, phaseTotals } from './effect-series.ts';
import { ENDED, weeksOf } from './test-effect.ts';

const box = { width: 220, height: 120, left: 20, right: 0, top: 0, bottom: 20 };

describe('phaseTotals', () => {
  it('sums the weeks by phase', () => {
    expect(phaseTotals(ENDED.weeks)).toEqual({ before: { targeted: 100, other: 400 }, during: { targeted: 60, other: 400 }, after: { targeted: 24, other: 200 } });
  });
});

describe('niceMax', () => {
  it.each([
    [0, 1],
    [1, 1],
    [3, 5],
    [7, 10],
    [12, 20],
    [25, 50],
    [51, 100],
    [0.3, 0.5],
  ])('%d -> %d', (n, nice) => expect(niceMax(n)).toBe(nice));
});

describe('effectChartModel', () => {
  const m = effectChartModel(ENDED.weeks, box);

  it('one bar per week, on a common baseline, as tall as its count', () => {
    expect(m.max).toBe(50);
    expect(m.bars).toHaveLength(10);
    expect(m.bars.every((b) => Math.abs(b.y + b.h - 100) < 1e-9)).toBe(true);
    // 25 of 50 fills half the 100-pixel plot; 10 a fifth.
    expect(m.bars[0]!.h).toBeCloseTo(50);
    expect(m.bars[7]!.h).toBeCloseTo(20);
    expect(m.bars[0]!.x).toBeGreaterThanOrEqual(20);
    expect(m.bars.at(-1)!.x + m.bars.at(-1)!.w).toBeLessThanOrEqual(220);
  });

  it('the phases are bands of their weeks, in order and touching', () => {
    expect(m.bands.map((b) => [b.phase, b.weeks])).toEqual([
      ['before', 4],
      ['during', 4],
      ['after', 2],
    ]);
    expect(m.bands[0]!.x0).toBe(20);
    expect(m.bands[1]!.x0).toBe(m.bands[0]!.x1);
    expect(m.bands[2]!.x1).toBeCloseTo(220);
  });

  it('the reference line is the other categories at the targeted level before: flat others give a flat 25', () => {
    expect(m.reference!.map((p) => p.value)).toEqual(Array(10).fill(25));
  });

  it.each([
    ['nothing of the other categories before: no reference line', weeksOf({ before: [[3, 0]], during: [[2, 5]] }), null],
    ['others doubling during: the reference doubles', weeksOf({ before: [[10, 50]], during: [[10, 100]] }), [10, 20]],
  ])('%s', (_n, weeks, values) => {
    const r = effectChartModel(weeks, box).reference;
    expect(r === null ? null : r.map((p) => p.value)).toEqual(values);
  });

  it('no weeks: an empty chart, not NaN', () => {
    const empty = effectChartModel([], box);
    expect(empty.bars).toEqual([]);
    expect(empty.ticks.every((t) => Number.isFinite(t.y))).toBe(true);
  });
});
