import { describe, expect, it } from 'vitest';
import { changeClass, placeNames, projectUnits } from './change-map.ts';

describe('changeClass', () => {
  it.each<[number | null, boolean, ReturnType<typeof changeClass>]>([
    [-0.5, false, 0],
    [-0.3, false, 1],
    [-0.1, false, 2],
    [0, false, 2],
    [0.0999, false, 2],
    [0.1, false, 3],
    [0.3, false, 4],
    [2, false, 4],
    [-0.5, true, 'small'],
    [null, false, 'none'],
    [null, true, 'none'],
  ])('%s (small %s) -> %s', (changeRate, small, cls) => expect(changeClass({ changeRate, small })).toBe(cls));

  it('a township missing from the answer has no class', () => expect(changeClass(undefined)).toBe('none'));
});

describe('projectUnits', () => {
  const square = (code: string, x: number, y: number) => ({
    geometry: {
      type: 'Polygon',
      coordinates: [
        [
          [x, y],
          [x + 1, y],
          [x + 1, y + 1],
          [x, y + 1],
          [x, y],
        ],
      ],
    },
    properties: { code, name: code },
  });

  it('fits the units in the box, north up, centred', () => {
    const [west, east] = projectUnits([square('w', 112, 0), square('e', 113, 0)], 200, 100, 0);
    // At the equator two unit squares side by side fill a 2:1 box (cos 0.5° rounds away at one decimal).
    expect(west!.d).toBe('M0.0,100.0L100.0,100.0L100.0,0.0L0.0,0.0L0.0,100.0Z');
    expect(east!.label[0]).toBeCloseTo(150, 1);
    expect(east!.label[1]).toBe(50);
  });

  it('keeps the shape at the county’s latitude: one degree east is cos(lat) of one degree north', () => {
    const [u] = projectUnits([square('a', 112, 60)], 100, 100, 0);
    // cos 60.5° ≈ 0.492: the square is about half as wide as it is tall, centred.
    const xs = u!.d
      .match(/M([\d.]+),[\d.]+L([\d.]+)/)!
      .slice(1)
      .map(Number);
    expect(xs[1]! - xs[0]!).toBeCloseTo(49.2, 0);
    expect(u!.label[0]).toBeCloseTo(50);
  });

  it('multipolygons draw every ring; no geometry draws nothing', () => {
    const multi = {
      geometry: { type: 'MultiPolygon', coordinates: [square('a', 0, 0).geometry.coordinates, square('b', 2, 0).geometry.coordinates] },
      properties: { code: 'm', name: 'm' },
    };
    expect(projectUnits([multi], 100, 100)[0]!.d.match(/M/g)).toHaveLength(2);
    expect(projectUnits([], 100, 100)).toEqual([]);
  });
});

describe('placeNames', () => {
  const at = (code: string, x: number, y: number, name = '三湖镇') => ({ code, name, label: [x, y] as [number, number] });

  it.each<[string, ReturnType<typeof at>[], string[]]>([
    ['apart: both', [at('a', 50, 50), at('b', 150, 50)], ['a', 'b']],
    ['side by side too close: the first only', [at('a', 50, 50), at('b', 90, 50)], ['a']],
    ['one above the other, a line apart: both', [at('a', 50, 50), at('b', 50, 75)], ['a', 'b']],
    ['one above the other, overlapping: the first only', [at('a', 50, 50), at('b', 60, 60)], ['a']],
    ['the order decides who stays', [at('b', 60, 60), at('a', 50, 50)], ['b']],
    ['a short name fits where a long one would not', [at('a', 50, 50), at('b', 100, 50, '乡')], ['a', 'b']],
  ])('%s', (_n, units, kept) => expect(placeNames(units, 18).map((u) => u.code)).toEqual(kept));
});
