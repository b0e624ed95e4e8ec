/**
 * Small planar helpers on GeoJSON-style coordinate arrays, for the parts of the generator that
 * run in JS (sampling points, seat placement) where a database round trip per point would be slow.
 */

export type Position = [number, number];
export type Ring = Position[];
export type PolygonCoords = Ring[];

export interface PolygonGeometry {
  type: 'Polygon';
  coordinates: PolygonCoords;
}
export interface MultiPolygonGeometry {
  type: 'MultiPolygon';
  coordinates: PolygonCoords[];
}
export type AreaGeometry = PolygonGeometry | MultiPolygonGeometry;

export function polygonsOf(g: AreaGeometry): PolygonCoords[] {
  return g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
}

/** Even-odd ray casting; a point exactly on an edge may go either way, which sampling tolerates. */
export function pointInRing([x, y]: Position, ring: Ring): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]!;
    const [xj, yj] = ring[j]!;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

export function pointInGeometry(p: Position, g: AreaGeometry): boolean {
  return polygonsOf(g).some((poly) => pointInRing(p, poly[0]!) && !poly.slice(1).some((hole) => pointInRing(p, hole)));
}

export interface BBox {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

export function bboxOf(g: AreaGeometry): BBox {
  const b = { minX: Infinity, minY: Infinity, maxX: -Infinity, maxY: -Infinity };
  for (const poly of polygonsOf(g))
    for (const [x, y] of poly[0]!) {
      b.minX = Math.min(b.minX, x);
      b.minY = Math.min(b.minY, y);
      b.maxX = Math.max(b.maxX, x);
      b.maxY = Math.max(b.maxY, y);
    }
  return b;
}

/**
 * Degrees are not square at 27°N; a local equirectangular scale is accurate to well under 1 %
 * across one county, which is all distance comparisons here need.
 */
export function kmScale(lat: number): { kx: number; ky: number } {
  return { kx: 111.32 * Math.cos((lat * Math.PI) / 180), ky: 110.57 };
}

export function distanceKm(a: Position, b: Position, lat = (a[1] + b[1]) / 2): number {
  const { kx, ky } = kmScale(lat);
  return Math.hypot((a[0] - b[0]) * kx, (a[1] - b[1]) * ky);
}

/** Distance from p to the nearest edge of g (its outline and holes), in km. */
export function distanceToBoundaryKm(p: Position, g: AreaGeometry): number {
  const { kx, ky } = kmScale(p[1]);
  let best = Infinity;
  for (const poly of polygonsOf(g))
    for (const ring of poly)
      for (let i = 1; i < ring.length; i++) {
        const ax = (ring[i - 1]![0] - p[0]) * kx;
        const ay = (ring[i - 1]![1] - p[1]) * ky;
        const bx = (ring[i]![0] - p[0]) * kx;
        const by = (ring[i]![1] - p[1]) * ky;
        const dx = bx - ax;
        const dy = by - ay;
        const len2 = dx * dx + dy * dy;
        const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, -(ax * dx + ay * dy) / len2));
        best = Math.min(best, Math.hypot(ax + t * dx, ay + t * dy));
      }
  return best;
}
