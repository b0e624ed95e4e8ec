import { describe, expect, it } from 'vitest';
import { gaussian, hashString, mulberry32, rngFor } from './prng.ts';

describe('mulberry32', () => {
  it.each([1, 42, 20240101, 0xffffffff])('is reproducible and in [0, 1) for seed %i', (seed) => {
    const a = mulberry32(seed);
    const b = mulberry32(seed);
    for (let i = 0; i < 1000; i++) {
      const x = a();
      expect(x).toBe(b());
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThan(1);
    }
  });

  it('gives different sequences for different seeds', () => {
    const a = mulberry32(1);
    const b = mulberry32(2);
    expect([a(), a(), a()]).not.toEqual([b(), b(), b()]);
  });

  it('is roughly uniform', () => {
    const r = mulberry32(7);
    const bins = new Array(10).fill(0);
    for (let i = 0; i < 100000; i++) bins[Math.floor(r() * 10)]++;
    for (const n of bins) expect(Math.abs(n - 10000)).toBeLessThan(500);
  });
});

describe('hashString / rngFor', () => {
  it.each([
    ['', 0x811c9dc5],
    ['a', 0xe40c292c],
    ['foobar', 0xbf9cf968],
  ])('FNV-1a of %j', (s, h) => {
    expect(hashString(s)).toBe(h);
  });

  it('gives independent streams per label', () => {
    expect(rngFor(1, '430421100')()).not.toBe(rngFor(1, '430421101')());
    expect(rngFor(1, '430421100')()).toBe(rngFor(1, '430421100')());
    expect(rngFor(1, 'x')()).not.toBe(rngFor(2, 'x')());
  });
});

describe('gaussian', () => {
  it('has mean ~0 and sd ~1', () => {
    const r = mulberry32(3);
    const xs = Array.from({ length: 20000 }, () => gaussian(r));
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    const sd = Math.sqrt(xs.reduce((s, x) => s + (x - mean) ** 2, 0) / xs.length);
    expect(Math.abs(mean)).toBeLessThan(0.05);
    expect(Math.abs(sd - 1)).toBeLessThan(0.05);
  });
});
