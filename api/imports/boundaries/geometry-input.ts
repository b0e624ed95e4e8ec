import { gcj02ToWgs84 } from '../../contract/gcj02.ts';
import type { CrsInfo } from './crs.ts';

/**
 * Checks of a feature's geometry that need no database, run before anything reaches PostGIS:
 * GEOS throws on rings it cannot build (fewer than 4 positions, not closed) and a GEOS exception
 * can take the embedded (WASM) database down with it; NaN must never be sent either.
 */

type Ring = [number, number][];
export interface PolygonalGeometry {
  type: 'MultiPolygon';
  coordinates: Ring[][];
}

export type GeometryCheck = { ok: true; geometry: PolygonalGeometry; positions: number } | { ok: false; reason: string };

export interface GeometryTarget {
  crs: CrsInfo;
  /** Positions are GCJ-02 (AMap) and are converted to WGS 84 here. */
  gcj02: boolean;
}

const fmt = (n: number) => String(Math.round(n * 1e6) / 1e6);

function readRing(raw: unknown, where: string, target: GeometryTarget): Ring | string {
  if (!Array.isArray(raw)) return `${where} is not an array of positions`;
  const ring: Ring = [];
  const [minX, minY, maxX, maxY] = target.crs.bounds;
  for (const p of raw) {
    // Z and M values are dropped: the boundary columns are 2D.
    if (!Array.isArray(p) || p.length < 2 || typeof p[0] !== 'number' || typeof p[1] !== 'number' || !Number.isFinite(p[0]) || !Number.isFinite(p[1]))
      return `${where} has a position that is not two finite numbers: ${JSON.stringify(p)?.slice(0, 60)}`;
    const [x, y] = p as [number, number];
    if (x < minX || x > maxX || y < minY || y > maxY)
      return `coordinates out of range for EPSG:${target.crs.srid} (${target.crs.label}): (${fmt(x)}, ${fmt(y)}) is outside x ${minX}..${maxX}, y ${minY}..${maxY}`;
    ring.push(target.gcj02 ? gcj02ToWgs84([x, y]) : [x, y]);
  }
  if (ring.length === 0) return `${where} is empty`;
  if (ring.length < 4) return `${where} has ${ring.length} positions; a ring needs at least 4`;
  const [first, last] = [ring[0]!, ring[ring.length - 1]!];
  if (first[0] !== last[0] || first[1] !== last[1]) return `${where} is not closed (first and last positions differ)`;
  return ring;
}

/** A Polygon or MultiPolygon as a 2D MultiPolygon in the target's lon/lat or metres, or why not. */
export function checkGeometry(geometry: unknown, target: GeometryTarget): GeometryCheck {
  if (geometry === null || geometry === undefined) return { ok: false, reason: 'the feature has no geometry' };
  const { type, coordinates } = geometry as { type?: unknown; coordinates?: unknown };
  if (type !== 'Polygon' && type !== 'MultiPolygon') return { ok: false, reason: `not a polygon (${String(type)})` };
  if (!Array.isArray(coordinates)) return { ok: false, reason: `${type} without coordinates` };
  const polygons: unknown[] = type === 'Polygon' ? [coordinates] : coordinates;
  if (polygons.length === 0 || polygons.every((p) => Array.isArray(p) && p.length === 0)) return { ok: false, reason: 'empty polygon' };

  const out: Ring[][] = [];
  let positions = 0;
  for (const [i, polygon] of polygons.entries()) {
    const label = type === 'Polygon' ? 'the polygon' : `polygon ${i + 1}`;
    if (!Array.isArray(polygon) || polygon.length === 0) return { ok: false, reason: `${label} is empty` };
    const rings: Ring[] = [];
    for (const [j, raw] of polygon.entries()) {
      const ring = readRing(raw, `ring ${j + 1} of ${label}`, target);
      if (typeof ring === 'string') return { ok: false, reason: ring };
      rings.push(ring);
      positions += ring.length;
    }
    out.push(rings);
  }
  return { ok: true, geometry: { type: 'MultiPolygon', coordinates: out }, positions };
}
