import { describe, expect, it } from 'vitest';
import { CumulativeTable, hashString, Rng, stream } from './random.ts';

const draw = (rng: Rng, n: number) => Array.from({ length: n }, () => rng.next());

describe('Rng', () => {
  it.each([0, 1, 42, -7, 2 ** 31, 123456789])('seed %d replays the same sequence', (seed) => {
    expect(draw(new Rng(seed), 50)).toEqual(draw(new Rng(seed), 50));
  });

  it.each([
    [1, 2],
    [42, 43],
    [0, -1],
  ])('seeds %d and %d give different sequences', (a, b) => {
    expect(draw(new Rng(a), 20)).not.toEqual(draw(new Rng(b), 20));
  });

  it('takes seeds modulo 2^32 (integer part)', () => {
    expect(draw(new Rng(2 ** 32 + 5), 5)).toEqual(draw(new Rng(5), 5));
    expect(draw(new Rng(5.7), 5)).toEqual(draw(new Rng(5), 5));
  });

  it('stays in [0, 1) with a roughly uniform mean', () => {
    const xs = draw(new Rng(5), 20000);
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
    expect(xs.reduce((s, x) => s + x, 0) / xs.length).toBeCloseTo(0.5, 1);
  });

  it.each([1, 2, 7, 491])('int(%d) covers exactly 0..n-1', (n) => {
    const rng = new Rng(9);
    const seen = new Set(Array.from({ length: n * 50 }, () => rng.int(n)));
    expect([...seen].sort((a, b) => a - b)).toEqual(Array.from({ length: n }, (_, i) => i));
  });

  it('shuffle is a permutation', () => {
    const items = Array.from({ length: 100 }, (_, i) => i);
    expect([...new Rng(3).shuffle([...items])].sort((a, b) => a - b)).toEqual(items);
  });

  it('normal has mean ~0 and sd ~1', () => {
    const rng = new Rng(11);
    const xs = Array.from({ length: 20000 }, () => rng.normal());
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    const sd = Math.sqrt(xs.reduce((s, x) => s + (x - mean) ** 2, 0) / xs.length);
    expect(mean).toBeCloseTo(0, 1);
    expect(sd).toBeCloseTo(1, 1);
  });
});

describe('stream', () => {
  it('is a function of (seed, label) only', () => {
    expect(draw(stream(42, 'disputes'), 10)).toEqual(draw(stream(42, 'disputes'), 10));
    expect(draw(stream(42, 'disputes'), 10)).not.toEqual(draw(stream(42, 'hazards'), 10));
    expect(draw(stream(42, 'disputes'), 10)).not.toEqual(draw(stream(43, 'disputes'), 10));
  });

  it('hashes labels stably (FNV-1a)', () => {
    expect(hashString('')).toBe(0x811c9dc5);
    expect(hashString('a')).toBe(0xe40c292c);
  });
});

describe('CumulativeTable', () => {
  it.each([
    [[1, 1, 2], [0.25, 0.25, 0.5]],
    [[0, 3, 0, 1], [0, 0.75, 0, 0.25]],
    [[5], [1]],
  ])('samples %j in proportion', (weights, expected) => {
    const table = new CumulativeTable(weights);
    const rng = new Rng(17);
    const counts = new Array<number>(weights.length).fill(0);
    const n = 40000;
    for (let i = 0; i < n; i++) counts[table.sample(rng)]!++;
    counts.forEach((c, i) => expect(c / n).toBeCloseTo(expected[i]!, 1));
    weights.forEach((w, i) => w === 0 && expect(counts[i]).toBe(0));
  });

  it('rejects negative weights and all-zero tables', () => {
    expect(() => new CumulativeTable([1, -1])).toThrow();
    expect(() => new CumulativeTable([0, 0]).sample(new Rng(1))).toThrow();
  });
});
