import { describe, expect, it } from 'vitest';
import { Rng } from '../../../geodata/prng.ts';
import { PolygonSampler, pointInGeometry, type VillageGeometry } from './geometry.ts';

const square = (x0: number, y0: number, s: number) => [
  [x0, y0],
  [x0 + s, y0],
  [x0 + s, y0 + s],
  [x0, y0 + s],
  [x0, y0],
];

const withHole: VillageGeometry = { type: 'Polygon', coordinates: [square(0, 0, 10), square(3, 3, 4).reverse()] };
const twoParts: VillageGeometry = { type: 'MultiPolygon', coordinates: [[square(0, 0, 1)], [square(5, 5, 1)]] };
const unclosed: VillageGeometry = {
  type: 'Polygon',
  coordinates: [
    [
      [0, 0],
      [4, 0],
      [0, 4],
    ],
  ],
};
const concave: VillageGeometry = {
  type: 'Polygon',
  coordinates: [
    [
      [0, 0],
      [6, 0],
      [6, 6],
      [3, 2],
      [0, 6],
      [0, 0],
    ],
  ],
};

describe('pointInGeometry (even-odd)', () => {
  it.each([
    ['outer ring interior', withHole, 1, 1, true],
    ['inside the hole', withHole, 5, 5, false],
    ['between hole and edge', withHole, 8, 5, true],
    ['outside the bbox', withHole, 11, 5, false],
    ['first part', twoParts, 0.5, 0.5, true],
    ['second part', twoParts, 5.5, 5.5, true],
    ['gap between parts', twoParts, 3, 3, false],
    ['unclosed ring inside', unclosed, 1, 1, true],
    ['unclosed ring beyond hypotenuse', unclosed, 3, 3, false],
    ['concave notch', concave, 3, 4, false],
    ['concave arm', concave, 1, 4, true],
  ] as const)('%s', (_, geometry, x, y, expected) => {
    expect(pointInGeometry(x, y, geometry)).toBe(expected);
    expect(new PolygonSampler(geometry).contains(x, y)).toBe(expected);
  });
});

describe('PolygonSampler', () => {
  it.each([
    ['with a hole', withHole],
    ['MultiPolygon', twoParts],
    ['concave', concave],
  ] as const)('samples only inside (%s), deterministically', (_, geometry) => {
    const sampler = new PolygonSampler(geometry);
    const a = new Rng(1);
    const b = new Rng(1);
    for (let i = 0; i < 2000; i++) {
      const p = sampler.sample(a);
      expect(pointInGeometry(p[0], p[1], geometry)).toBe(true);
      expect(sampler.sample(b)).toEqual(p);
    }
  });

  it('spreads points over both parts of a MultiPolygon', () => {
    const sampler = new PolygonSampler(twoParts);
    const rng = new Rng(2);
    const xs = Array.from({ length: 400 }, () => sampler.sample(rng)[0]);
    expect(xs.some((x) => x < 1)).toBe(true);
    expect(xs.some((x) => x > 5)).toBe(true);
  });

  it('falls back to an interior point for slivers', () => {
    const sliver: VillageGeometry = {
      type: 'Polygon',
      coordinates: [
        [
          [0, 0],
          [10, 0],
          [10, 10],
          [9.99999, 10],
          [0, 0.000005],
        ],
      ],
    };
    const sampler = new PolygonSampler(sliver);
    const p = sampler.interiorPoint();
    expect(sampler.contains(p[0], p[1])).toBe(true);
  });

  it('rejects empty geometry', () => {
    expect(() => new PolygonSampler({ type: 'Polygon', coordinates: [] })).toThrow();
  });
});
