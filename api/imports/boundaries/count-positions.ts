/**
 * Counts the coordinate positions of a GeoJSON geometry's `coordinates` without recursion (an
 * explicit stack), whatever its type or nesting, and stops as soon as the count passes
 * `stopAbove`: the limits on coordinates per feature and per file are checked before any
 * geometry code or the database sees the feature.
 */
export function countPositions(coordinates: unknown, stopAbove = Number.POSITIVE_INFINITY): number {
  if (!Array.isArray(coordinates)) return 0;
  let count = 0;
  const stack: unknown[][] = [coordinates];
  while (stack.length) {
    const array = stack.pop()!;
    // A position is an array of numbers: [x, y] or [x, y, z].
    if (typeof array[0] === 'number') {
      if (++count > stopAbove) return count;
      continue;
    }
    for (const item of array) if (Array.isArray(item)) stack.push(item);
  }
  return count;
}

/** The `coordinates` member of a geometry, or of each member of a GeometryCollection, flattened into one array. */
export function coordinatesOf(geometry: unknown): unknown[] {
  if (geometry === null || typeof geometry !== 'object') return [];
  const g = geometry as { coordinates?: unknown; geometries?: unknown };
  if (Array.isArray(g.geometries)) return g.geometries.map((m) => (m && typeof m === 'object' ? (m as { coordinates?: unknown }).coordinates : null)).filter(Array.isArray);
  return Array.isArray(g.coordinates) ? [g.coordinates] : [];
}
