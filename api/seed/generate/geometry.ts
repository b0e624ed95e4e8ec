import type { Rng } from '../../../geodata/prng.ts';

/**
 * Village polygons and points inside them. Events are drawn inside the village they belong to
 * so that the map's spatial joins (point-in-village) agree with the rows' villageCode.
 */

export type Position = readonly number[];
export type VillageGeometry =
  | { type: 'Polygon'; coordinates: readonly (readonly Position[])[] }
  | { type: 'MultiPolygon'; coordinates: readonly (readonly (readonly Position[])[])[] };

/** Every ring of the geometry (outer rings and holes alike: even-odd needs no distinction). */
export function ringsOf(geometry: VillageGeometry): (readonly Position[])[] {
  return geometry.type === 'Polygon' ? [...geometry.coordinates] : geometry.coordinates.flat();
}

/**
 * Even-odd ray casting over all rings: a point in a hole crosses the hole's ring once more and
 * comes out "outside". Closed or unclosed rings both work, since a repeated closing vertex is a
 * zero-height edge that never counts as a crossing.
 */
export function pointInGeometry(lng: number, lat: number, geometry: VillageGeometry): boolean {
  let inside = false;
  for (const ring of ringsOf(geometry)) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const a = ring[i] as Position;
      const b = ring[j] as Position;
      const ax = a[0] as number,
        ay = a[1] as number,
        bx = b[0] as number,
        by = b[1] as number;
      if (ay > lat !== by > lat && lng < ((bx - ax) * (lat - ay)) / (by - ay) + ax) inside = !inside;
    }
  }
  return inside;
}

/** Coordinates are published to 6 decimals (~0.1 m), which is what the rows carry. */
export function round6(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}

/** Rings flattened into one typed array: sampling runs ~100k point tests per generation. */
export class PolygonSampler {
  private readonly xs: Float64Array;
  private readonly ys: Float64Array;
  /** Start index of each ring in xs/ys, plus a final end marker. */
  private readonly ringStarts: number[];
  readonly minX: number;
  readonly minY: number;
  readonly maxX: number;
  readonly maxY: number;
  private fallback: [number, number] | undefined;

  constructor(geometry: VillageGeometry) {
    const rings = ringsOf(geometry).filter((r) => r.length >= 3);
    const n = rings.reduce((s, r) => s + r.length, 0);
    if (n === 0) throw new Error('geometry has no ring with 3 or more positions');
    this.xs = new Float64Array(n);
    this.ys = new Float64Array(n);
    this.ringStarts = [];
    let k = 0;
    let minX = Infinity,
      minY = Infinity,
      maxX = -Infinity,
      maxY = -Infinity;
    for (const ring of rings) {
      this.ringStarts.push(k);
      for (const p of ring) {
        const x = p[0] as number,
          y = p[1] as number;
        this.xs[k] = x;
        this.ys[k] = y;
        k++;
        if (x < minX) minX = x;
        if (x > maxX) maxX = x;
        if (y < minY) minY = y;
        if (y > maxY) maxY = y;
      }
    }
    this.ringStarts.push(k);
    this.minX = minX;
    this.minY = minY;
    this.maxX = maxX;
    this.maxY = maxY;
  }

  contains(x: number, y: number): boolean {
    const { xs, ys, ringStarts } = this;
    let inside = false;
    for (let r = 0; r + 1 < ringStarts.length; r++) {
      const start = ringStarts[r] as number;
      const end = ringStarts[r + 1] as number;
      for (let i = start, j = end - 1; i < end; j = i++) {
        const ay = ys[i] as number,
          by = ys[j] as number;
        if (ay > y !== by > y) {
          const ax = xs[i] as number,
            bx = xs[j] as number;
          if (x < ((bx - ax) * (y - ay)) / (by - ay) + ax) inside = !inside;
        }
      }
    }
    return inside;
  }

  /** Uniform point inside (rejection in the bbox), rounded to 6 decimals and re-checked. */
  sample(rng: Rng): [number, number] {
    for (let attempt = 0; attempt < 200; attempt++) {
      const x = round6(this.minX + (this.maxX - this.minX) * rng.next());
      const y = round6(this.minY + (this.maxY - this.minY) * rng.next());
      if (this.contains(x, y)) return [x, y];
    }
    // Only slivers get here; a fixed interior point keeps the row valid rather than failing.
    return this.interiorPoint();
  }

  /** Midpoint of the first interior stretch of a horizontal scanline. */
  interiorPoint(): [number, number] {
    if (this.fallback) return this.fallback;
    for (let step = 1; step < 64; step++) {
      const frac = step % 2 === 1 ? 0.5 + step / 130 : 0.5 - step / 130;
      const y = this.minY + (this.maxY - this.minY) * frac;
      const crossings: number[] = [];
      const { xs, ys, ringStarts } = this;
      for (let r = 0; r + 1 < ringStarts.length; r++) {
        const start = ringStarts[r] as number;
        const end = ringStarts[r + 1] as number;
        for (let i = start, j = end - 1; i < end; j = i++) {
          const ay = ys[i] as number,
            by = ys[j] as number;
          if (ay > y !== by > y) {
            const ax = xs[i] as number,
              bx = xs[j] as number;
            crossings.push(((bx - ax) * (y - ay)) / (by - ay) + ax);
          }
        }
      }
      crossings.sort((a, b) => a - b);
      for (let c = 0; c + 1 < crossings.length; c += 2) {
        const p: [number, number] = [round6(((crossings[c] as number) + (crossings[c + 1] as number)) / 2), round6(y)];
        if (this.contains(p[0], p[1])) {
          this.fallback = p;
          return p;
        }
      }
    }
    throw new Error('could not find a point inside the geometry');
  }
}
