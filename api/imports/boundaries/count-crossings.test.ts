import { describe, expect, it } from 'vitest';
import { selfIntersectingBoundaryGeoJson } from '../../test/bombs.ts';
import { countCrossings } from './count-crossings.ts';
import type { PolygonalGeometry } from './geometry-input.ts';

const poly = (...rings: [number, number][][]): PolygonalGeometry => ({ type: 'MultiPolygon', coordinates: [rings] });
const square: [number, number][] = [
  [0, 0],
  [1, 0],
  [1, 1],
  [0, 1],
  [0, 0],
];

describe('countCrossings', () => {
  it.each([
    ['a square', 0, poly(square)],
    [
      'a bow tie',
      1,
      poly([
        [0, 0],
        [1, 1],
        [1, 0],
        [0, 1],
        [0, 0],
      ]),
    ],
    [
      'a square with a hole inside',
      0,
      poly(square, [
        [0.2, 0.2],
        [0.4, 0.2],
        [0.4, 0.4],
        [0.2, 0.2],
      ]),
    ],
    [
      'a hole poking out of its shell',
      2,
      poly(square, [
        [0.5, 0.5],
        [1.5, 0.5],
        [1.5, 0.6],
        [0.5, 0.5],
      ]),
    ],
    [
      'edges that only touch',
      0,
      poly([
        [0, 0],
        [2, 0],
        [1, 1],
        [1, 0],
        [0.5, 1],
        [0, 0],
      ]),
    ],
  ])('%s crosses itself %i times', (_what, n, geometry) => {
    expect(countCrossings(geometry)).toBe(n);
  });

  it('counts a 3,000-coordinate zigzag in well under a second, stopping past the limit', () => {
    const doc = JSON.parse(new TextDecoder().decode(selfIntersectingBoundaryGeoJson(3000)));
    const geometry: PolygonalGeometry = { type: 'MultiPolygon', coordinates: [doc.features[0].geometry.coordinates] };
    const start = performance.now();
    expect(countCrossings(geometry)).toBeGreaterThan(1000);
    expect(countCrossings(geometry, 200)).toBe(201);
    expect(performance.now() - start).toBeLessThan(1000);
  });
});
