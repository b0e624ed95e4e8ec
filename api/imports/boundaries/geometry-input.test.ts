import { describe, expect, it } from 'vitest';
import { gcj02ToWgs84, wgs84ToGcj02 } from '../../contract/gcj02.ts';
import { SUPPORTED_CRS } from './crs.ts';
import { checkGeometry, type GeometryTarget } from './geometry-input.ts';

const WGS84: GeometryTarget = { crs: SUPPORTED_CRS.get(4326)!, gcj02: false };
const CM111: GeometryTarget = { crs: SUPPORTED_CRS.get(4546)!, gcj02: false };
const square = (x: number, y: number, d = 0.01): [number, number][] => [
  [x, y],
  [x + d, y],
  [x + d, y + d],
  [x, y + d],
  [x, y],
];

describe('checkGeometry', () => {
  it('turns a Polygon into a 2D MultiPolygon, dropping Z', () => {
    const ring = square(112.5, 27.2).map(([x, y]) => [x, y, 55]);
    const r = checkGeometry({ type: 'Polygon', coordinates: [ring] }, WGS84);
    expect(r).toEqual({ ok: true, geometry: { type: 'MultiPolygon', coordinates: [[square(112.5, 27.2)]] }, positions: 5 });
  });

  it('keeps holes and every part of a MultiPolygon', () => {
    const r = checkGeometry({ type: 'MultiPolygon', coordinates: [[square(112.5, 27.2, 0.1), square(112.52, 27.22)], [square(112.8, 27.2)]] }, WGS84);
    expect(r.ok && r.geometry.coordinates.map((p) => p.length)).toEqual([2, 1]);
  });

  it('converts GCJ-02 positions to WGS 84', () => {
    const wgs = square(112.5, 27.2);
    const r = checkGeometry({ type: 'Polygon', coordinates: [wgs.map((p) => wgs84ToGcj02(p))] }, { ...WGS84, gcj02: true });
    if (!r.ok) throw new Error(r.reason);
    r.geometry.coordinates[0]![0]!.forEach(([x, y], i) => {
      expect(x).toBeCloseTo(wgs[i]![0], 7);
      expect(y).toBeCloseTo(wgs[i]![1], 7);
    });
    expect(gcj02ToWgs84(wgs84ToGcj02([112.5, 27.2]))[0]).toBeCloseTo(112.5, 8);
  });

  it.each([
    ['no geometry', null, /no geometry/],
    ['a line', { type: 'LineString', coordinates: square(112.5, 27.2) }, /not a polygon \(LineString\)/],
    ['a point', { type: 'Point', coordinates: [112.5, 27.2] }, /not a polygon \(Point\)/],
    ['an empty polygon', { type: 'Polygon', coordinates: [] }, /empty polygon/],
    ['an empty multipolygon', { type: 'MultiPolygon', coordinates: [[]] }, /empty polygon/],
    [
      'a ring of three positions',
      {
        type: 'Polygon',
        coordinates: [
          [
            [112.5, 27.2],
            [112.6, 27.2],
            [112.5, 27.2],
          ],
        ],
      },
      /3 positions; a ring needs at least 4/,
    ],
    [
      'an open ring',
      {
        type: 'Polygon',
        coordinates: [
          square(112.5, 27.2)
            .slice(0, 4)
            .concat([[112.5, 27.3]]),
        ],
      },
      /not closed/,
    ],
    ['NaN', { type: 'Polygon', coordinates: [[[112.5, NaN], ...square(112.5, 27.2).slice(1)]] }, /not two finite numbers/],
    ['a string coordinate', { type: 'Polygon', coordinates: [[['112.5', 27.2], ...square(112.5, 27.2).slice(1)]] }, /not two finite numbers/],
    ['metres read as degrees', { type: 'Polygon', coordinates: [square(638965, 2988401, 100)] }, /out of range for EPSG:4326/],
  ])('refuses %s', (_label, geometry, reason) => {
    const r = checkGeometry(geometry, WGS84);
    expect(r.ok ? 'accepted' : r.reason).toMatch(reason);
  });

  it('refuses zone-prefixed eastings under a CRS without the prefix', () => {
    const r = checkGeometry({ type: 'Polygon', coordinates: [square(37638965, 2988401, 100)] }, CM111);
    expect(r.ok ? 'accepted' : r.reason).toMatch(/out of range for EPSG:4546 .*x 0\.\.1000000/);
  });
});
