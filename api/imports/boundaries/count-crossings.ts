import type { PolygonalGeometry } from './geometry-input.ts';

/**
 * How many times a boundary's edges cross each other, counted before it can reach ST_MakeValid:
 * the repair's cost grows with the crossings, not just the coordinates (measured on PGlite: a
 * random ring of 100 coordinates, ~1,000 crossings, takes 1 s; of 200, 8 s; of 500 it brought the
 * embedded database down), while real invalid boundaries cross themselves a handful of times.
 * Brute force over pairs of edges: only run on boundaries small enough to repair (a few thousand
 * coordinates, a few million pairs, milliseconds).
 */

type Segment = [number, number, number, number];

const orient = (ax: number, ay: number, bx: number, by: number, cx: number, cy: number) => Math.sign((bx - ax) * (cy - ay) - (by - ay) * (cx - ax));

/** Proper crossings only (each edge strictly on both sides of the other); touching edges are cheap to repair. */
function cross(s: Segment, t: Segment): boolean {
  return (
    orient(s[0], s[1], s[2], s[3], t[0], t[1]) * orient(s[0], s[1], s[2], s[3], t[2], t[3]) < 0 &&
    orient(t[0], t[1], t[2], t[3], s[0], s[1]) * orient(t[0], t[1], t[2], t[3], s[2], s[3]) < 0
  );
}

/** Crossings between any two edges of any rings of `geometry`, or `stopAbove + 1` once past it. */
export function countCrossings(geometry: PolygonalGeometry, stopAbove = Number.POSITIVE_INFINITY): number {
  const segments: Segment[] = [];
  for (const polygon of geometry.coordinates)
    for (const ring of polygon) for (let i = 0; i + 1 < ring.length; i++) segments.push([ring[i]![0], ring[i]![1], ring[i + 1]![0], ring[i + 1]![1]]);
  let count = 0;
  for (let i = 0; i < segments.length; i++) {
    const s = segments[i]!;
    const [minX, maxX] = s[0] < s[2] ? [s[0], s[2]] : [s[2], s[0]];
    for (let j = i + 1; j < segments.length; j++) {
      const t = segments[j]!;
      if ((t[0] < minX && t[2] < minX) || (t[0] > maxX && t[2] > maxX)) continue;
      if (cross(s, t) && ++count > stopAbove) return count;
    }
  }
  return count;
}
