import { describe, expect, it } from 'vitest';
import { type AreaGeometry, distanceKm, distanceToBoundaryKm, type Position, pointInGeometry } from './geo.ts';
import { gridInside, placeSeats } from './seats.ts';

const square: AreaGeometry = {
  type: 'Polygon',
  coordinates: [
    [
      [0, 0],
      [1, 0],
      [1, 1],
      [0, 1],
      [0, 0],
    ],
  ],
};
// An L shape: the big empty arm is the upper-left block.
const ell: AreaGeometry = {
  type: 'Polygon',
  coordinates: [
    [
      [0, 0],
      [2, 0],
      [2, 1],
      [1, 1],
      [1, 2],
      [0, 2],
      [0, 0],
    ],
  ],
};
const donut: AreaGeometry = {
  type: 'Polygon',
  coordinates: [
    [
      [0, 0],
      [3, 0],
      [3, 3],
      [0, 3],
      [0, 0],
    ],
    [
      [1, 1],
      [2, 1],
      [2, 2],
      [1, 2],
      [1, 1],
    ],
  ],
};

describe('pointInGeometry', () => {
  it.each([
    [square, [0.5, 0.5], true],
    [square, [1.5, 0.5], false],
    [ell, [1.5, 1.5], false],
    [ell, [0.5, 1.5], true],
    [donut, [1.5, 1.5], false],
    [donut, [0.5, 1.5], true],
  ] as Array<[AreaGeometry, Position, boolean]>)('case %#', (g, p, inside) => {
    expect(pointInGeometry(p, g)).toBe(inside);
  });
});

describe('gridInside', () => {
  it('keeps only interior points', () => {
    const pts = gridInside(ell, 0.1);
    expect(pts.length).toBeGreaterThan(250);
    for (const p of pts) expect(pointInGeometry(p, ell)).toBe(true);
  });
});

describe('placeSeats', () => {
  it.each([
    ['square, seat in a corner', square, [[0.1, 0.1]] as Position[], 1],
    [
      'square, two seats',
      square,
      [
        [0.2, 0.5],
        [0.8, 0.5],
      ] as Position[],
      2,
    ],
    ['L, seat in the lower arm', ell, [[1.5, 0.5]] as Position[], 2],
  ])('%s: places inside, away from seats and the edge', (_n, g, known, count) => {
    const placed = placeSeats(g, known, count, 0.02);
    expect(placed).toHaveLength(count);
    const all = [...known];
    for (const { point, radiusKm } of placed) {
      expect(pointInGeometry(point, g)).toBe(true);
      for (const s of all) expect(distanceKm(point, s)).toBeGreaterThanOrEqual(radiusKm - 1e-9);
      expect(distanceToBoundaryKm(point, g)).toBeGreaterThanOrEqual(radiusKm - 1e-9);
      all.push(point);
    }
  });

  it('puts the seat in the empty half of an L', () => {
    const [p] = placeSeats(ell, [[1.5, 0.5]], 1, 0.02);
    expect(p!.point[0]).toBeLessThan(1);
    expect(distanceKm(p!.point, [1.5, 0.5])).toBeGreaterThan(100);
  });

  it('is deterministic', () => {
    expect(placeSeats(ell, [[1.5, 0.5]], 2, 0.05)).toEqual(placeSeats(ell, [[1.5, 0.5]], 2, 0.05));
  });
});
