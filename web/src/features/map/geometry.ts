export type BBox = [number, number, number, number];

type Coords = number | Coords[];

/** Extent of any GeoJSON coordinate array (Polygon, MultiPolygon, LineString...). */
export function bboxOfCoordinates(coords: unknown): BBox | null {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  const walk = (c: Coords): void => {
    if (!Array.isArray(c)) return;
    if (typeof c[0] === 'number' && typeof c[1] === 'number') {
      minX = Math.min(minX, c[0]);
      maxX = Math.max(maxX, c[0]);
      minY = Math.min(minY, c[1]);
      maxY = Math.max(maxY, c[1]);
      return;
    }
    for (const child of c) walk(child);
  };
  walk(coords as Coords);
  return Number.isFinite(minX) ? [minX, minY, maxX, maxY] : null;
}

/** Union of extents; null when none. */
export function unionBBox(boxes: readonly (BBox | null)[]): BBox | null {
  const real = boxes.filter((b): b is BBox => b !== null);
  if (real.length === 0) return null;
  return [Math.min(...real.map((b) => b[0])), Math.min(...real.map((b) => b[1])), Math.max(...real.map((b) => b[2])), Math.max(...real.map((b) => b[3]))];
}

/** Every distinct character of some names: the TextLayer's font atlas needs exactly these. */
export function characterSetOf(names: Iterable<string>): Set<string> {
  const set = new Set<string>();
  for (const n of names) for (const ch of n) set.add(ch);
  return set;
}
