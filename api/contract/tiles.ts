import { z } from 'zod';

/**
 * Vector tiles: `GET /api/tiles/{layer}/{z}/{x}/{y}.mvt`, Mapbox Vector Tile 2.1 in Web Mercator
 * (XYZ scheme, y down), one layer per tile named like the path's layer.
 */
export const TILE_LAYERS = ['villages', 'events'] as const;
export type TileLayer = (typeof TILE_LAYERS)[number];

export const TILE_CONTENT_TYPE = 'application/vnd.mapbox-vector-tile';
/** Deepest zoom served: ~2 cm a tile unit at 4096, far below the 20 m the boundaries are drawn at. */
export const TILE_MAX_ZOOM = 22;
/** Tile coordinates per side, and the margin drawn beyond each edge (so strokes join across tiles). */
export const TILE_EXTENT = 4096;
export const TILE_BUFFER = 64;

export interface TileAddress {
  z: number;
  x: number;
  y: number;
}

const whole = (what: string) => z.string().regex(/^\d{1,9}$/, `${what} must be a whole number`);

/** The path's z, x and `{y}.mvt`, as integers in range for their zoom (each wrong one a field error). */
export const tileParams = z
  .object({
    z: whole('z'),
    x: whole('x'),
    y: z.string().regex(/^\d{1,9}\.mvt$/, 'y must be a whole number followed by .mvt'),
  })
  .transform((p, ctx): TileAddress => {
    const t = { z: Number(p.z), x: Number(p.x), y: Number(p.y.slice(0, -'.mvt'.length)) };
    if (t.z > TILE_MAX_ZOOM) {
      ctx.addIssue({ code: 'custom', path: ['z'], message: `z must be 0..${TILE_MAX_ZOOM}` });
      return z.NEVER;
    }
    const last = 2 ** t.z - 1;
    if (t.x > last) ctx.addIssue({ code: 'custom', path: ['x'], message: `x must be 0..${last} at zoom ${t.z}` });
    if (t.y > last) ctx.addIssue({ code: 'custom', path: ['y'], message: `y must be 0..${last} at zoom ${t.z}` });
    return t;
  });

/** The tile's lon/lat bounds, widened by `buffer` tile units on each side (clamped to the Mercator world). */
export function tileBounds(t: TileAddress, buffer = 0): { west: number; south: number; east: number; north: number } {
  const n = 2 ** t.z;
  const pad = buffer / TILE_EXTENT;
  const lng = (x: number) => Math.min(180, Math.max(-180, (x / n) * 360 - 180));
  const lat = (y: number) => {
    const k = Math.PI - (2 * Math.PI * Math.min(n, Math.max(0, y))) / n;
    return (180 / Math.PI) * Math.atan(Math.sinh(k));
  };
  return { west: lng(t.x - pad), east: lng(t.x + 1 + pad), north: lat(t.y - pad), south: lat(t.y + 1 + pad) };
}

/** The tile holding a lon/lat point at zoom z (for clients and tests). */
export function tileOf(lng: number, lat: number, zoom: number): TileAddress {
  const n = 2 ** zoom;
  const r = (lat * Math.PI) / 180;
  const clamp = (v: number) => Math.min(n - 1, Math.max(0, Math.floor(v)));
  return { z: zoom, x: clamp(((lng + 180) / 360) * n), y: clamp(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * n) };
}
