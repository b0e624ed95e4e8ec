import { describe, expect, it } from 'vitest';
import {
  type Classification,
  classIndex,
  classify,
  classLabels,
  classOf,
  distinctDecimals,
  MIN_DISTINCT,
  type Precision,
  quantile,
  roundestBetween,
  roundToStep,
  shownValue,
} from './class-breaks.ts';

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
    [12.5, 5, 15],
  ])('%s by %s = %s', (x, step, r) => expect(roundToStep(x, step)).toBe(r));
});

describe('roundestBetween', () => {
  it.each<[number, number, boolean, number]>([
    [14, 16.4, false, 15],
    [4.87, 5.3, false, 5],
    [7.24, 7.26, false, 7.25],
    [7.2401, 7.2402, false, 7.2402],
    [0, 0.17, false, 0.1],
    [0, 1, true, 1],
    [3, 8, true, 5],
    [99, 101, true, 100],
    [2, 2, false, 2],
  ])('(%s, %s] integer=%s -> %s', (lo, hi, integer, t) => {
    const r = roundestBetween(lo, hi, integer);
    expect(r).toBe(t);
    if (hi > lo) {
      expect(r).toBeGreaterThan(lo);
      expect(r).toBeLessThanOrEqual(hi);
    }
  });
});

/** A reproducible pseudo-random sequence (no flaky tests). */
function lcg(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1664525 + 1013904223) % 2 ** 32;
    return s / 2 ** 32;
  };
}

/** 491 villages over one week: most without a dispute, the rest 1-3 cases among 800-6,000 residents, per 10,000. */
function villagesAtWeekScale(): number[] {
  const r = lcg(7);
  return Array.from({ length: 491 }, () => {
    const pop = 800 + Math.floor(r() * 5200);
    const u = r();
    const cases = u < 0.7 ? 0 : u < 0.9 ? 1 : u < 0.97 ? 2 : 3;
    return (cases / pop) * 10000;
  });
}

const countsPerClass = (values: number[], c: Classification) => {
  const n = Array.from({ length: c.thresholds.length + 1 }, () => 0);
  for (const v of values) n[classIndex(v, c.thresholds)]!++;
  return n;
};

describe('classify', () => {
  it.each<[string, (number | null)[], boolean, number[], boolean]>([
    ['no values', [], false, [], true],
    ['nulls only', [null, null], false, [], true],
    ['one unit', [4.2], false, [], true],
    ['all zeros: one class', [0, 0, 0, 0, 0], false, [], true],
    ['two distinct values: two classes', [0, 0, 0, 5], false, [5], true],
    ['seven distinct values: one class each', [0, 1, 2, 3, 4, 5, 6, 6, 6], true, [1, 2, 3, 4, 5, 6], true],
    ['nulls are ignored', [null, 0, 2, null, 2], false, [2], true],
    ['eight distinct values: five classes', [1, 2, 3, 4, 5, 6, 7, 8], true, [2, 3, 5, 7], false],
    ['uniform rates', [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], false, [3, 5, 7, 9], false],
    ['ties at zero take one class; the rest split evenly', [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3, 4, 5, 6, 7, 8], true, [1, 3, 5, 7], false],
    ['an outlier stays in the top class', [1, 2, 3, 4, 5, 6, 7, 8, 9, 500], false, [3, 5, 7, 9], false],
  ])('%s', (_name, values, integer, thresholds, perValue) => {
    const c = classify(values, { classes: 5, integer });
    expect(c.thresholds).toEqual(thresholds);
    expect(c.perValue).toBe(perValue);
  });

  it.each<[string, number[]]>([
    ['491 villages at week scale', villagesAtWeekScale()],
    ['25 townships at week scale', Array.from({ length: 25 }, (_, i) => ((i % 9) * 3 + (i % 4)) / 4.7)],
    ['heavy ties', [...Array(50).fill(0), ...Array(30).fill(5), ...Array(10).fill(10), 1, 2, 3, 4, 6, 7, 8]],
    ['one tie mass on top', [1, 2, 3, 4, 5, 6, 7, ...Array(100).fill(9)]],
    ['near-equal values', [7.21, 7.22, 7.23, 7.24, 7.25, 7.26, 7.27, 7.28, 7.29]],
    ['a year of township rates', Array.from({ length: 25 }, (_, i) => 4 + ((i * 37) % 25) / 5)],
  ])('%s: no empty class, no two breaks alike, at least 4 classes', (_name, values) => {
    const distinct = new Set(values).size;
    expect(distinct).toBeGreaterThanOrEqual(MIN_DISTINCT);
    const c = classify(values, { classes: 5 });
    const n = countsPerClass(values, c);
    expect(n.every((k) => k > 0)).toBe(true);
    expect(n.length).toBeGreaterThanOrEqual(4);
    for (let i = 1; i < c.thresholds.length; i++) expect(c.thresholds[i]!).toBeGreaterThan(c.thresholds[i - 1]!);
    const d = distinctDecimals(c.thresholds, 1);
    const labels = classLabels(c, { integer: false, format: (x) => x.toFixed(d) });
    expect(new Set(labels).size).toBe(labels.length);
    for (const l of labels) {
      const [lo, hi] = l.split('–');
      if (hi !== undefined) expect(lo).not.toBe(hi);
    }
  });

  it('491 villages at week scale: the zero villages take the first class and the rest are split', () => {
    const values = villagesAtWeekScale();
    const c = classify(values, { classes: 5 });
    const n = countsPerClass(values, c);
    expect(n[0]).toBe(values.filter((v) => v === 0).length);
    // The non-zero villages are shared out, no class with fewer than a tenth of them.
    const nonZero = values.length - n[0]!;
    for (const k of n.slice(1)) expect(k).toBeGreaterThanOrEqual(nonZero / 10);
  });
});

describe('distinctDecimals', () => {
  it.each<[number[], number, number]>([
    [[1, 2, 3], 1, 1],
    [[7.21, 7.24], 1, 2],
    [[0.1, 0.15], 1, 2],
    [[5, 10], 0, 0],
    [[7.2401, 7.2402], 1, 4],
  ])('%j from %s decimals -> %s', (n, min, d) => expect(distinctDecimals(n, min)).toBe(d));
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
  it.each<[string, Classification, boolean, string[]]>([
    ['continuous', { thresholds: [2.5, 4], perValue: false, sorted: [1, 3, 5] }, false, ['< 2.5', '2.5–4', '≥ 4']],
    ['counts', { thresholds: [1, 3, 6], perValue: false, sorted: [0, 2, 4, 9] }, true, ['0', '1–2', '3–5', '≥ 6']],
    ['counts with a singleton class', { thresholds: [1, 2], perValue: false, sorted: [0, 1, 5] }, true, ['0', '1', '≥ 2']],
    ['counts not starting at zero', { thresholds: [5, 9], perValue: false, sorted: [2, 6, 10] }, true, ['2–4', '5–8', '≥ 9']],
    ['one value', { thresholds: [], perValue: true, sorted: [0, 0] }, true, ['0']],
    ['one class per value', { thresholds: [5, 10], perValue: true, sorted: [0, 5, 10] }, false, ['0', '5', '10']],
    ['nothing', { thresholds: [], perValue: true, sorted: [] }, false, []],
  ])('%s', (_name, c, integer, labels) => expect(classLabels(c, { integer, format: f })).toEqual(labels));
});

describe('shownValue: the number a reader sees', () => {
  it.each<[number, Precision, number]>([
    [7.18, { decimals: 1 }, 7.2],
    [7.25, { decimals: 1 }, 7.3],
    // Intl writes 1.01 where toFixed says 1.00: the screen is what counts.
    [1.005, { decimals: 2 }, 1.01],
    [12.5, { decimals: 0 }, 13],
    [0.5735, { decimals: 1, percent: true }, 0.574],
    [0.00045, { decimals: 1, percent: true }, 0],
    [0.913, { decimals: 1, percent: true }, 0.913],
  ])('%s at %j reads %s', (x, p, shown) => expect(shownValue(x, p)).toBe(shown));
});

/** Writes numbers as the legend and the tooltip do, at `d` decimals (of a percentage when asked). */
const writer = (d: number, percent = false) => {
  const f = new Intl.NumberFormat('en-US', { style: percent ? 'percent' : 'decimal', useGrouping: false, minimumFractionDigits: d, maximumFractionDigits: d });
  return (n: number) => f.format(n);
};
const read = (s: string) => Number(s.replace('%', ''));

/** Whether a written value lies in a label under half-open [lo, hi) reading (a per-value label: equal). */
function labelHolds(label: string, shown: string): boolean {
  const v = read(shown);
  if (label.startsWith('< ')) return v < read(label.slice(2));
  if (label.startsWith('≥ ')) return v >= read(label.slice(2));
  const [lo, hi] = label.split('–');
  return hi === undefined ? read(lo!) === v : read(lo!) <= v && v < read(hi);
}

/** The label of each value's class, written as colorScale writes labels. */
function labelsOfValues(values: number[], p: Precision): { shown: string; label: string }[] {
  const c = classify(values, { classes: 5, precision: p });
  const scale = p.percent ? 100 : 1;
  const d = distinctDecimals(
    (c.perValue ? c.sorted : c.thresholds).map((t) => t * scale),
    p.decimals,
  );
  const labels = classLabels(c, { integer: false, format: writer(d, p.percent) });
  const show = writer(p.decimals, p.percent);
  return values.map((v) => ({ shown: show(v), label: labels[classOf(c, v)]! }));
}

describe('classify at the precision shown', () => {
  it.each<[string, number[], Precision, number, string]>([
    ['7.18 reads 7.2: not in "6.8–7.2"', [5.1, 5.6, 6.1, 6.6, 6.8, 7.18, 7.25, 7.7, 8.2, 8.9], { decimals: 1 }, 7.18, '6.8–7.3'],
    ['6.96 reads 7.0: with the 7s', [1, 2, 3, 4, 5, 6.2, 6.96, 7, 7.04, 8, 9], { decimals: 1 }, 6.96, '7.0–8.0'],
    ['a rate of 24.96% reads 25.0%', [0.1, 0.15, 0.2, 0.2496, 0.25, 0.3, 0.35, 0.4, 0.5], { decimals: 1, percent: true }, 0.2496, '25.0%–30.0%'],
  ])('%s', (_name, values, p, value, label) => {
    const row = labelsOfValues(values, p)[values.indexOf(value)]!;
    expect(row.label).toBe(label);
    expect(labelHolds(row.label, row.shown)).toBe(true);
  });

  it('a class per shown value when raw values differ only below the shown precision', () => {
    const c = classify([7.21, 7.22, 7.23, 7.24, 7.26, 7.27, 7.28, 7.29], { classes: 5, precision: { decimals: 1 } });
    expect(c).toMatchObject({ thresholds: [7.3], perValue: true });
  });

  const r = lcg(11);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
  const generators: [string, () => number, Precision][] = [
    ['hundredths at one decimal (every .x5 tie)', () => Math.round(r() * 1000) / 100, { decimals: 1 }],
    ['week rates per 10,000', () => (Math.floor(r() * 4) / (800 + Math.floor(r() * 5200))) * 10000, { decimals: 1 }],
    ['rates at whole numbers', () => r() * 40, { decimals: 0 }],
    ['success rates as percentages', () => ((n) => Math.floor(r() * (n + 1)) / n)(1 + Math.floor(r() * 60)), { decimals: 1, percent: true }],
  ];
  it.each(generators)('%s: every value shown lies within its class label', (_name, gen, p) => {
    for (let trial = 0; trial < 200; trial++) {
      const values = Array.from({ length: pick([3, 8, 12, 25, 60]) }, gen);
      for (const { shown, label } of labelsOfValues(values, p)) expect(labelHolds(label, shown), `${shown} in ${label} of ${JSON.stringify(values)}`).toBe(true);
    }
  });
});
