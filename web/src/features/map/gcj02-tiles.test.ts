import { describe, expect, it } from 'vitest';
import { type LngLat, wgs84ToGcj02 } from '../../../../api/contract/gcj02.ts';
import { sourceOf, worldPixel } from './gcj02-tiles.ts';

// Township seats as the county's source data gives them in both datums (shared/geodata/hengyang:
// township_points_wgs84.geojson and township_points_gcj02.geojson).
const SEATS: [string, LngLat, LngLat][] = [
  ['西渡镇', [112.357362, 26.975753], [112.36295, 26.972501]],
  ['集兵镇', [112.592427, 27.04054], [112.59766, 27.036977]],
];

describe('GCJ-02 tiles moved into WGS84', () => {
  it.each(SEATS)('%s: the known GCJ-02 seat is the converted WGS84 one within 0.5 m', (_, wgs, gcj) => {
    const [lng, lat] = wgs84ToGcj02(wgs);
    expect(Math.abs(lng - gcj[0]) * 99_000).toBeLessThan(0.5);
    expect(Math.abs(lat - gcj[1]) * 111_000).toBeLessThan(0.5);
  });

  it.each([10, 13, 16, 18])('at zoom %i a point of the WGS84 tile shows what lies at its GCJ-02 position, within 0.25 px', (z) => {
    for (const [, wgs, gcj] of SEATS) {
      const [px, py] = worldPixel(wgs, z);
      const [x, y] = [Math.floor(px / 256), Math.floor(py / 256)];
      const { left, top, tiles } = sourceOf(z, x, y);
      // The seat sits at (px - 256x, py - 256y) in the output tile, which was drawn from (left, top) on.
      const [gx, gy] = worldPixel(gcj, z);
      expect(Math.abs(left + (px - x * 256) - gx)).toBeLessThan(0.25);
      expect(Math.abs(top + (py - y * 256) - gy)).toBeLessThan(0.25);
      expect(tiles.length).toBeGreaterThanOrEqual(1);
      expect(tiles.length).toBeLessThanOrEqual(4);
      for (const [tx, ty] of tiles) {
        expect(tx * 256 + 256).toBeGreaterThan(left);
        expect(tx * 256).toBeLessThan(left + 256);
        expect(ty * 256 + 256).toBeGreaterThan(top);
        expect(ty * 256).toBeLessThan(top + 256);
      }
    }
  });

  it('the offset here is about 600 m east-south-east, as AMap users know it', () => {
    const [wgs] = SEATS[0]!.slice(1) as [LngLat];
    const [lng, lat] = wgs84ToGcj02(wgs);
    const metres = Math.hypot((lng - wgs[0]) * 99_000, (lat - wgs[1]) * 111_000);
    expect(metres).toBeGreaterThan(400);
    expect(metres).toBeLessThan(800);
  });
});
