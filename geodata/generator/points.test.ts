import { describe, expect, it } from 'vitest';
import { Rng } from '../prng.ts';
import { type AreaGeometry, distanceKm, type Position, pointInGeometry } from './geo.ts';
import { villageSeedPoints } from './points.ts';

// Roughly township-sized shapes near 27°N (0.1 deg ≈ 10 km).
const square: AreaGeometry = {
  type: 'Polygon',
  coordinates: [
    [
      [112.3, 27.0],
      [112.4, 27.0],
      [112.4, 27.1],
      [112.3, 27.1],
      [112.3, 27.0],
    ],
  ],
};
const thin: AreaGeometry = {
  type: 'MultiPolygon',
  coordinates: [
    [
      [
        [112.0, 27.0],
        [112.2, 27.0],
        [112.2, 27.01],
        [112.0, 27.01],
        [112.0, 27.0],
      ],
    ],
    [
      [
        [112.0, 27.05],
        [112.02, 27.05],
        [112.02, 27.06],
        [112.0, 27.06],
        [112.0, 27.05],
      ],
    ],
  ],
};

describe('villageSeedPoints', () => {
  it.each([
    ['square, 5 communities + 30 villages', square, [112.35, 27.05] as Position, 110, 5, 30],
    ['square, seat near an edge', square, [112.301, 27.099] as Position, 110, 3, 8],
    ['thin multipolygon', thin, [112.1, 27.005] as Position, 22, 2, 14],
  ])('%s: right counts, all inside, communities near the seat', (_n, g, seat, area, c, v) => {
    const out = villageSeedPoints({ township: g, seat, areaKm2: area, communities: c, villages: v }, Rng.unmixed(1));
    expect(out.communities).toHaveLength(c);
    expect(out.villages).toHaveLength(v);
    for (const p of [...out.communities, ...out.villages]) expect(pointInGeometry(p, g)).toBe(true);
    const meanC = out.communities.reduce((s, p) => s + distanceKm(p, seat), 0) / c;
    const meanV = out.villages.reduce((s, p) => s + distanceKm(p, seat), 0) / v;
    expect(meanC).toBeLessThan(meanV);
  });

  it('is deterministic for a seed and differs across seeds', () => {
    const req = { township: square, seat: [112.35, 27.05] as Position, areaKm2: 110, communities: 2, villages: 10 };
    expect(villageSeedPoints(req, Rng.unmixed(4))).toEqual(villageSeedPoints(req, Rng.unmixed(4)));
    expect(villageSeedPoints(req, Rng.unmixed(4))).not.toEqual(villageSeedPoints(req, Rng.unmixed(5)));
  });
});
