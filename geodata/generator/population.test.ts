import { describe, expect, it } from 'vitest';
import { Rng } from '../prng.ts';
import { allocatePopulation, largestRemainder, type PopulationInput } from './population.ts';

describe('largestRemainder', () => {
  it.each([
    [[1, 1, 1], 10, [4, 3, 3]],
    [[1, 2, 3], 6, [1, 2, 3]],
    [[0.5, 0.5], 3, [2, 1]],
    [[5, 0, 5], 7, [4, 0, 3]],
    [[1], 1000, [1000]],
  ])('%j -> %i', (w, total, expected) => {
    expect(largestRemainder(w, total)).toEqual(expected);
  });

  it('rejects empty weights', () => {
    expect(() => largestRemainder([0, 0], 5)).toThrow();
  });
});

function county(): PopulationInput[] {
  const r = Rng.unmixed(99);
  const items: PopulationInput[] = [];
  for (let i = 0; i < 443; i++) items.push({ kind: '村', townshipKind: i % 3 ? '镇' : '乡', urCode: i % 5 ? 220 : 122, areaKm2: 2 + 10 * r.next() });
  for (let i = 0; i < 48; i++) items.push({ kind: '社区', townshipKind: i % 4 ? '镇' : '乡', urCode: 121, areaKm2: 0.2 + 2 * r.next() });
  return items;
}

const med = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1]!;
};

describe('allocatePopulation', () => {
  it.each([1, 2, 20240101])('seed %i: exact total, communities above the village median', (seed) => {
    const items = county();
    const pop = allocatePopulation(items, Rng.unmixed(seed));
    expect(pop.reduce((s, n) => s + n, 0)).toBe(1_000_000);
    const cun = pop.filter((_, i) => items[i]!.kind === '村');
    const she = pop.filter((_, i) => items[i]!.kind === '社区');
    const cunMedian = med(cun);
    expect(cunMedian).toBeGreaterThan(1200);
    expect(cunMedian).toBeLessThan(2400);
    expect(med(she)).toBeGreaterThan(4500);
    expect(med(she)).toBeLessThan(9000);
    for (const n of she) expect(n).toBeGreaterThan(cunMedian);
    for (const n of pop) expect(Number.isInteger(n) && n > 0).toBe(true);
  });

  it('is deterministic for a seed', () => {
    expect(allocatePopulation(county(), Rng.unmixed(5))).toEqual(allocatePopulation(county(), Rng.unmixed(5)));
  });
});
