import { describe, expect, it } from 'vitest';
import { hatchMultiPolygon, hatchPolygon, type PolygonRings, type Position, type Segment } from './hatch.ts';

const rect = (x0: number, y0: number, x1: number, y1: number): Position[] => [
  [x0, y0],
  [x1, y0],
  [x1, y1],
  [x0, y1],
  [x0, y0],
];

/** Even-odd point-in-polygon, independent of the code under test. */
function inside(p: Position, rings: PolygonRings): boolean {
  let odd = false;
  for (const ring of rings) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi, yi] = ring[i]!;
      const [xj, yj] = ring[j]!;
      if (yi > p[1] !== yj > p[1] && p[0] < ((xj - xi) * (p[1] - yi)) / (yj - yi) + xi) odd = !odd;
    }
  }
  return odd;
}

const mid = ([a, b]: Segment): Position => [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2];

describe('hatchPolygon', () => {
  const square = [rect(0, 0, 1, 1)];
  const withHole = [rect(0, 0, 1, 1), rect(0.3, 0.3, 0.7, 0.7)];
  // An L-shape: a line can cross it twice, leaving the notch empty.
  const ell: PolygonRings = [
    [
      [0, 0],
      [1, 0],
      [1, 0.4],
      [0.4, 0.4],
      [0.4, 1],
      [0, 1],
      [0, 0],
    ],
  ];

  it.each<[string, PolygonRings, number, number]>([
    // lines lat - lng = c through the unit square: c in (-1, 1) step 0.25 -> 7 lines (c = -1 only touches a corner)
    ['unit square, 45° at the equator', square, 0.25, 7],
    ['spacing wider than the polygon', square, 5, 1],
    ['no spacing', square, 0, 0],
  ])('%s: %i segments', (_name, rings, spacing, count) => {
    expect(hatchPolygon(rings, spacing, 0)).toHaveLength(count);
  });

  it.each<[string, PolygonRings]>([
    ['square', square],
    ['square with a hole', withHole],
    ['L-shape', ell],
  ])('%s: every segment lies inside the polygon and its ends on the boundary', (_name, rings) => {
    const segments = hatchPolygon(rings, 0.05, 27);
    expect(segments.length).toBeGreaterThan(10);
    for (const s of segments) expect(inside(mid(s), rings)).toBe(true);
  });

  it('leaves the hole empty: lines through it are cut in two', () => {
    const k = Math.cos((27 * Math.PI) / 180);
    // The line through the hole's centre, c = 0.5 - 0.5·k, must come out as two pieces.
    const segments = hatchPolygon(withHole, 0.5 - 0.5 * k, 27);
    const throughCentre = segments.filter(([a]) => Math.abs(a[1] - a[0] * k - (0.5 - 0.5 * k)) < 1e-9);
    expect(throughCentre).toHaveLength(2);
  });

  it('draws the lines at the same slope whatever the polygon (45° on the map at lat0)', () => {
    const k = Math.cos((27 * Math.PI) / 180);
    for (const [a, b] of hatchPolygon(square, 0.1, 27)) expect((b[1] - a[1]) / (b[0] - a[0])).toBeCloseTo(k, 9);
  });
});

describe('hatchMultiPolygon', () => {
  it('hatches each part', () => {
    const one = hatchPolygon([rect(0, 0, 1, 1)], 0.1, 0).length;
    expect(hatchMultiPolygon([[rect(0, 0, 1, 1)], [rect(5, 5, 6, 6)]], 0.1, 0)).toHaveLength(2 * one);
  });
});
