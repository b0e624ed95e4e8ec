/**
 * Seed points for village cells. Pure and seeded: the same township shape and rng give the same
 * points, which is what makes the village polygons reproducible.
 */

import { gaussian, type Rng } from '../prng.ts';
import { type AreaGeometry, bboxOf, distanceKm, kmScale, type Position, pointInGeometry } from './geo.ts';

export interface PointRequest {
  township: AreaGeometry;
  seat: Position;
  areaKm2: number;
  communities: number;
  villages: number;
}

/**
 * Communities: a tight cluster round the seat (town centres are compact). Villages: spread over
 * the whole township with a minimum spacing (a cheap Poisson-disc), so Lloyd relaxation starts
 * near an even layout and a few steps suffice. Spacing relaxes when a shape refuses to fit.
 */
export function villageSeedPoints(req: PointRequest, rng: Rng): { communities: Position[]; villages: Position[] } {
  const { township, seat } = req;
  const n = req.communities + req.villages;
  const b = bboxOf(township);
  const { kx, ky } = kmScale(seat[1]);
  const all: Position[] = [];
  const farEnough = (p: Position, minKm: number) => all.every((q) => distanceKm(p, q) >= minKm);

  const communities: Position[] = [];
  const sigmaKm = 0.5 + 0.25 * Math.sqrt(req.communities);
  for (let k = 0; k < req.communities; k++) {
    let minKm = 0.25;
    for (let attempt = 0; ; attempt++) {
      const p: Position =
        attempt < 2000
          ? [seat[0] + (gaussian(rng) * sigmaKm) / kx, seat[1] + (gaussian(rng) * sigmaKm) / ky]
          : [b.minX + rng.next() * (b.maxX - b.minX), b.minY + rng.next() * (b.maxY - b.minY)];
      if (attempt % 200 === 199) minKm /= 2;
      if (pointInGeometry(p, township) && farEnough(p, minKm)) {
        communities.push(p);
        all.push(p);
        break;
      }
    }
  }

  const villages: Position[] = [];
  let minKm = 0.6 * Math.sqrt(req.areaKm2 / n);
  for (let k = 0; k < req.villages; k++) {
    for (let attempt = 0; ; attempt++) {
      if (attempt > 0 && attempt % 300 === 0) minKm /= 1.5;
      const p: Position = [b.minX + rng.next() * (b.maxX - b.minX), b.minY + rng.next() * (b.maxY - b.minY)];
      if (pointInGeometry(p, township) && farEnough(p, minKm)) {
        villages.push(p);
        all.push(p);
        break;
      }
    }
  }
  return { communities, villages };
}
