/**
 * Diagonal hatch lines clipped to polygons, as plain line segments. deck.gl 9 has no pattern fill
 * without @deck.gl/extensions (not a dependency), and a hatch must survive on top of any
 * choropleth colour, so it is drawn as geometry: lines `lat - lng·cos(lat0) = c`, which look 45°
 * on the Web Mercator map near lat0, cut by the polygon with the even-odd rule (holes stay empty).
 */
export type Position = [number, number];
export type Segment = [Position, Position];
/** Polygon rings as GeoJSON has them: outer ring first, then holes. */
export type PolygonRings = Position[][];

interface Crossing {
  c: number;
  lng: number;
  lat: number;
}

/** Hatch segments of one polygon; `spacing` is the step of `c`, in degrees of latitude. */
export function hatchPolygon(rings: PolygonRings, spacing: number, lat0: number): Segment[] {
  if (!(spacing > 0)) return [];
  const k = Math.cos((lat0 * Math.PI) / 180);
  const u = (p: Position) => p[1] - p[0] * k;
  const byLine = new Map<number, Crossing[]>();
  for (const ring of rings) {
    for (let i = 0; i + 1 < ring.length; i++) {
      const a = ring[i]!;
      const b = ring[i + 1]!;
      const ua = u(a);
      const ub = u(b);
      if (ua === ub) continue; // parallel to the hatch: it never crosses a line, it lies on one at most
      const lo = Math.min(ua, ub);
      const hi = Math.max(ua, ub);
      // Half-open [lo, hi): a vertex shared by two edges is counted once, so pairs stay paired.
      for (let n = Math.ceil(lo / spacing); n * spacing < hi; n++) {
        const c = n * spacing;
        const t = (c - ua) / (ub - ua);
        const list = byLine.get(n) ?? [];
        list.push({ c, lng: a[0] + (b[0] - a[0]) * t, lat: a[1] + (b[1] - a[1]) * t });
        byLine.set(n, list);
      }
    }
  }
  const segments: Segment[] = [];
  for (const crossings of byLine.values()) {
    crossings.sort((p, q) => p.lng - q.lng);
    for (let i = 0; i + 1 < crossings.length; i += 2) {
      const p = crossings[i]!;
      const q = crossings[i + 1]!;
      if (p.lng === q.lng && p.lat === q.lat) continue; // a line grazing a corner
      segments.push([
        [p.lng, p.lat],
        [q.lng, q.lat],
      ]);
    }
  }
  return segments;
}

/** Hatch segments of every polygon of a MultiPolygon. */
export function hatchMultiPolygon(polygons: readonly PolygonRings[], spacing: number, lat0: number): Segment[] {
  return polygons.flatMap((rings) => hatchPolygon(rings, spacing, lat0));
}
