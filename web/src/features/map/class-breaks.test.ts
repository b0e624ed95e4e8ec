import { describe, expect, it } from 'vitest';
import { classIndex, classLabels, quantile, quantileBreaks, roundToStep } from './class-breaks.ts';

describe('quantile', () => {
  it.each([
    [[1, 2, 3, 4, 5], 0, 1],
    [[1, 2, 3, 4, 5], 0.5, 3],
    [[1, 2, 3, 4, 5], 1, 5],
    [[1, 2, 3, 4], 0.5, 2.5],
    [[10], 0.3, 10],
  ])('%j at %s = %s', (values, p, q) => expect(quantile(values, p)).toBeCloseTo(q));
  it('is NaN for no values', () => expect(quantile([], 0.5)).toBeNaN());
});

describe('roundToStep', () => {
  it.each([
    [0.30000000000000004, 0.1, 0.3],
    [3.46, 0.1, 3.5],
    [7.2, 1, 7],
    [0.9857, 0.005, 0.985],
    [0.98799, 0.005, 0.99],
    [12.5, 5, 15],
  ])('%s by %s = %s', (x, step, r) => expect(roundToStep(x, step)).toBe(r));
});

describe('quantileBreaks', () => {
  it.each<[string, (number | null)[], number, number, number[]]>([
    ['uniform rates, five classes', [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], 5, 0.1, [3, 5, 7, 9]],
    ['nulls are ignored', [null, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, null], 5, 0.1, [3, 5, 7, 9]],
    ['skewed counts: the tail is split evenly', [0, 0, 0, 0, 0, 0, 0, 1, 2, 3], 5, 1, [1, 2, 3]],
    ['all equal: one class', [4, 4, 4, 4], 5, 1, []],
    ['no values', [], 5, 1, []],
    ['one class asked', [1, 2, 3], 1, 1, []],
    ['never at or below the minimum', [2.04, 2.05, 2.06, 9], 4, 0.1, [2.1, 3.8, 6.4]],
    ['a lone non-zero value', [0, 0, 0, 0, 1], 5, 1, [1]],
  ])('%s', (_name, values, classes, step, breaks) => expect(quantileBreaks(values, classes, step)).toEqual(breaks));

  it('thresholds are strictly increasing and inside the data', () => {
    const values = Array.from({ length: 200 }, (_, i) => Math.round(Math.sin(i) * 1000) / 100 + 10);
    const t = quantileBreaks(values, 5, 0.1);
    expect(t.length).toBe(4);
    for (let i = 1; i < t.length; i++) expect(t[i]!).toBeGreaterThan(t[i - 1]!);
    expect(t[0]!).toBeGreaterThan(Math.min(...values));
    expect(t[t.length - 1]!).toBeLessThanOrEqual(Math.max(...values));
  });
});

describe('classIndex', () => {
  it.each([
    [0, [1, 3], 0],
    [1, [1, 3], 1],
    [2.99, [1, 3], 1],
    [3, [1, 3], 2],
    [100, [1, 3], 2],
    [5, [], 0],
  ])('%s in %j is class %s', (v, t, i) => expect(classIndex(v, t)).toBe(i));
});

describe('classLabels', () => {
  const f = (n: number) => String(n);
  it.each<[string, number[], boolean, number | undefined, string[]]>([
    ['continuous', [2.5, 4], false, undefined, ['< 2.5', '2.5–4', '≥ 4']],
    ['counts', [1, 3, 6], true, 0, ['0', '1–2', '3–5', '≥ 6']],
    ['counts with singleton class', [1, 2], true, 0, ['0', '1', '≥ 2']],
    ['counts not starting at zero', [5, 9], true, 2, ['≤ 4', '5–8', '≥ 9']],
    ['one class', [], true, 0, ['≥ 0']],
  ])('%s', (_name, t, integer, min, labels) => expect(classLabels(t, { integer, min, format: f })).toEqual(labels));
});
