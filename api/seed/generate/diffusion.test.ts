import { describe, expect, it } from 'vitest';
import { cumulativeFailures, diffuseFailures } from './diffusion.ts';

const count = (flags: boolean[]) => flags.filter(Boolean).length;

describe('diffuseFailures', () => {
  it.each([
    // [cases, failures per total, total, phase]
    [859, 9, 859, 0],
    [859, 9, 859, 858],
    [1718, 18, 1718, 400],
    [5000, 14, 1000, 999],
    [4941, 72, 4941, 1234],
  ])('gives exactly F failures after N cases (%d cases, %d/%d, phase %d)', (n, f, total, phase) => {
    const flags = diffuseFailures(n, f, total, phase);
    expect(flags).toHaveLength(n);
    expect(count(flags)).toBe(Math.floor((n * f + phase) / total));
    if (n === total) expect(count(flags)).toBe(f);
  });

  it.each([0, 137, 999])('every contiguous run is within one failure of the rate (phase %d)', (phase) => {
    const flags = diffuseFailures(6000, 14, 1000, phase);
    const prefix = [0];
    for (const f of flags) prefix.push(prefix[prefix.length - 1]! + (f ? 1 : 0));
    for (const [from, length] of [
      [0, 365],
      [17, 5000],
      [2500, 3000],
      [4000, 1999],
      [1, 71],
    ] as const) {
      const got = prefix[from + length]! - prefix[from]!;
      expect(Math.abs(got - length * 0.014)).toBeLessThanOrEqual(1);
    }
  });

  it('counts cumulative failures with integer arithmetic', () => {
    expect(cumulativeFailures(859, 9, 859, 0)).toBe(9);
    expect(cumulativeFailures(71, 14, 1000, 0)).toBe(0);
    expect(cumulativeFailures(72, 14, 1000, 0)).toBe(1);
    expect(cumulativeFailures(10, 1, 0)).toBe(0);
  });

  it('rejects a phase outside [0, total)', () => {
    expect(() => diffuseFailures(10, 1, 100, 100)).toThrow();
    expect(() => diffuseFailures(10, 1, 100, -1)).toThrow();
  });
});
