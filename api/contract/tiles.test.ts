import { describe, expect, it } from 'vitest';
import { TILE_MAX_ZOOM, tileBounds, tileOf, tileParams } from './tiles.ts';

describe('tileParams', () => {
  it.each([
    [
      { z: '0', x: '0', y: '0.mvt' },
      { z: 0, x: 0, y: 0 },
    ],
    [
      { z: '8', x: '208', y: '107.mvt' },
      { z: 8, x: 208, y: 107 },
    ],
    [
      { z: String(TILE_MAX_ZOOM), x: String(2 ** TILE_MAX_ZOOM - 1), y: '0.mvt' },
      { z: TILE_MAX_ZOOM, x: 2 ** TILE_MAX_ZOOM - 1, y: 0 },
    ],
  ])('accepts %j', (p, t) => expect(tileParams.parse(p)).toEqual(t));

  it.each([
    [{ z: '1.5', x: '0', y: '0.mvt' }, 'z'],
    [{ z: '-1', x: '0', y: '0.mvt' }, 'z'],
    [{ z: String(TILE_MAX_ZOOM + 1), x: '0', y: '0.mvt' }, 'z'],
    [{ z: '', x: '0', y: '0.mvt' }, 'z'],
    [{ z: '0x1', x: '0', y: '0.mvt' }, 'z'],
    [{ z: '1', x: '2', y: '0.mvt' }, 'x'],
    [{ z: '1', x: ' 1', y: '0.mvt' }, 'x'],
    [{ z: '1', x: '1', y: '2.mvt' }, 'y'],
    [{ z: '1', x: '1', y: '1' }, 'y'],
    [{ z: '1', x: '1', y: '1.pbf' }, 'y'],
    [{ z: '1', x: '1', y: '1e0.mvt' }, 'y'],
    [{ z: '3', x: '9999999999', y: '0.mvt' }, 'x'],
  ])('refuses %j, naming %s', (p, field) => {
    const r = tileParams.safeParse(p);
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => i.path.join('.'))).toContain(field);
  });
});

describe('tileBounds and tileOf', () => {
  it('z0 is the Web Mercator world', () => {
    const b = tileBounds({ z: 0, x: 0, y: 0 });
    expect(b.west).toBe(-180);
    expect(b.east).toBe(180);
    expect(b.north).toBeCloseTo(85.0511, 4);
    expect(b.south).toBeCloseTo(-85.0511, 4);
  });

  it.each([
    [112.5, 27.27, 8],
    [112.0, 26.88, 12],
    [112.746, 27.373, 16],
  ])('the tile of (%f, %f) at z%i holds the point, and a buffer widens it', (lng, lat, z) => {
    const t = tileOf(lng, lat, z);
    const b = tileBounds(t);
    expect(lng).toBeGreaterThanOrEqual(b.west);
    expect(lng).toBeLessThan(b.east);
    expect(lat).toBeGreaterThan(b.south);
    expect(lat).toBeLessThanOrEqual(b.north);
    const wide = tileBounds(t, 64);
    const pad = (b.east - b.west) * (64 / 4096);
    expect(wide.west).toBeCloseTo(b.west - pad, 9);
    expect(wide.east).toBeCloseTo(b.east + pad, 9);
    expect(wide.north).toBeGreaterThan(b.north);
    expect(wide.south).toBeLessThan(b.south);
  });
});
