/**
 * Two townships (库宗桥镇, 岘山镇) have no published seat. Their Voronoi cells are built from
 * seats, so each needs a point; putting it in the largest part of the county no other seat
 * serves gives them a plausible share of land instead of a sliver.
 */
import { type AreaGeometry, bboxOf, distanceKm, distanceToBoundaryKm, type Position, pointInGeometry } from './geo.ts';

export interface PlacedSeat {
  point: Position;
  /** Radius of the empty circle the point is the centre of, km. */
  radiusKm: number;
}

/** Grid points inside g, row by row from the south-west; the scan order settles ties. */
export function gridInside(g: AreaGeometry, stepDeg: number): Position[] {
  const b = bboxOf(g);
  const pts: Position[] = [];
  const nx = Math.floor((b.maxX - b.minX) / stepDeg);
  const ny = Math.floor((b.maxY - b.minY) / stepDeg);
  for (let j = 1; j <= ny; j++)
    for (let i = 1; i <= nx; i++) {
      const p: Position = [b.minX + i * stepDeg, b.minY + j * stepDeg];
      if (pointInGeometry(p, g)) pts.push(p);
    }
  return pts;
}

/**
 * Largest empty circle that stays inside the county: maximise min(distance to the nearest seat,
 * distance to the outline). Without the outline term the winner is always some far corner of the
 * boundary, which makes a thin edge strip rather than a township-sized cell.
 * Seats are placed one after another, each later one seeing the earlier ones.
 */
export function placeSeats(outline: AreaGeometry, known: Position[], count: number, stepDeg = 0.005): PlacedSeat[] {
  const grid = gridInside(outline, stepDeg);
  if (grid.length === 0) throw new Error('placeSeats: no grid point inside the outline');
  const boundary = grid.map((p) => distanceToBoundaryKm(p, outline));
  const seats = [...known];
  const placed: PlacedSeat[] = [];
  for (let k = 0; k < count; k++) {
    let best = -1;
    let bestScore = -Infinity;
    grid.forEach((p, i) => {
      let nearest = Infinity;
      for (const s of seats) nearest = Math.min(nearest, distanceKm(p, s));
      const score = Math.min(nearest, boundary[i]!);
      if (score > bestScore) {
        bestScore = score;
        best = i;
      }
    });
    const point = grid[best]!;
    placed.push({ point, radiusKm: bestScore });
    seats.push(point);
  }
  return placed;
}
