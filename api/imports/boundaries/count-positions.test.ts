import { describe, expect, it } from 'vitest';
import { coordinatesOf, countPositions } from './count-positions.ts';

const ring = (n: number) => Array.from({ length: n }, (_, i) => [i, i]);

describe('countPositions', () => {
  it.each([
    ['not an array', 5, 0],
    ['a point', [1, 2], 1],
    ['a 3D point', [1, 2, 3], 1],
    ['a polygon', [ring(5)], 5],
    ['a polygon with a hole', [ring(5), ring(4)], 9],
    ['a multipolygon', [[ring(5)], [ring(6), ring(4)]], 15],
    ['empty arrays', [[], [[]]], 0],
  ])('%s', (_what, coordinates, n) => {
    expect(countPositions(coordinates)).toBe(n);
  });

  it('stops one past the limit', () => {
    expect(countPositions([ring(1000)], 10)).toBe(11);
  });

  it('walks 100,000 levels of nesting without recursion', () => {
    let deep: unknown = [1, 2];
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(countPositions(deep)).toBe(1);
  });
});

describe('coordinatesOf', () => {
  it.each([
    ['null', null, []],
    ['a polygon', { type: 'Polygon', coordinates: [ring(4)] }, [[ring(4)]]],
    ['a collection', { type: 'GeometryCollection', geometries: [{ coordinates: [1, 2] }, null, { coordinates: [[3, 4]] }] }, [[1, 2], [[3, 4]]]],
    ['no coordinates', { type: 'Polygon' }, []],
  ])('%s', (_what, geometry, expected) => {
    expect(coordinatesOf(geometry)).toEqual(expected);
  });
});
