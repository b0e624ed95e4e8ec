import type { Handle } from '../../db/index.ts';
import { sqlFile } from '../../queries/sql.ts';
import { clip } from '../limits.ts';
import { countCrossings } from './count-crossings.ts';
import type { PolygonalGeometry } from './geometry-input.ts';

const PREPARE = sqlFile(import.meta.url, 'prepare-geometry.sql');
const MEASURE = sqlFile(import.meta.url, 'measure-geometry.sql');

/** Below this share of its area inside the county outline a boundary is refused. */
export const MIN_INSIDE_COUNTY = 0.9;

export type BoundaryCheck = { ok: true; ewkb: string; areaKm2: number; repaired: boolean } | { ok: false; reason: string; repaired: boolean };

interface Prepared {
  valid: boolean;
  too_large: boolean;
  invalid_reason: string | null;
  empty: boolean;
  ewkb: string | null;
}
interface Measured {
  ewkb: string;
  empty: boolean;
  area_km2: number | string;
  inside: number | string | null;
}

/**
 * Parses, repairs (up to `maxRepairPositions` coordinates), moves to WGS 84 and measures one boundary, in small steps so that nothing
 * heavier than ST_IsValid / ST_MakeValid ever sees an invalid geometry (a GEOS exception on the
 * embedded database can end the WASM instance). `crsNote` says where the CRS came from, for the
 * message when the boundary lands outside the county (a wrong CRS is the usual cause).
 */
export async function prepareBoundary(
  h: Handle,
  geometry: PolygonalGeometry,
  srid: number,
  crsNote: string,
  maxRepairPositions: number,
  maxRepairCrossings: number,
): Promise<BoundaryCheck> {
  const positions = geometry.coordinates.reduce((n, polygon) => n + polygon.reduce((m, ring) => m + ring.length, 0), 0);
  const json = JSON.stringify(geometry);
  // Checked first without repair: most boundaries are valid and never need the crossings counted.
  let [p] = await h.query<Prepared>(PREPARE, [json, srid, false]);
  if (!p) throw new Error('prepare-geometry returned no row');
  // An invalid one is repaired only when small and crossing itself a few times (counted in TS,
  // where it costs milliseconds: ST_MakeValid's cost follows the crossings).
  let crossings: number | null = null;
  if (p.too_large && positions <= maxRepairPositions) {
    crossings = countCrossings(geometry, maxRepairCrossings);
    if (crossings <= maxRepairCrossings) [p] = await h.query<Prepared>(PREPARE, [json, srid, true]);
    if (!p) throw new Error('prepare-geometry returned no row');
  }
  if (p.too_large) {
    const why =
      crossings === null
        ? `${positions} coordinates, at most ${maxRepairPositions} are repaired (IMPORT_MAX_REPAIR_VERTICES)`
        : `its edges cross each other more than ${maxRepairCrossings} times (IMPORT_MAX_REPAIR_CROSSINGS)`;
    return {
      ok: false,
      repaired: false,
      reason: `invalid (${clip(p.invalid_reason ?? 'not valid')}) and too large to repair automatically: ${why}; fix it in GIS (e.g. Check Validity / Repair Geometry) and import again`,
    };
  }
  const repaired = !p.valid;
  if (p.empty || p.ewkb === null) return { ok: false, repaired, reason: repaired ? `invalid (${p.invalid_reason}) and nothing polygonal is left after repair` : 'empty polygon' };

  const [m] = await h.query<Measured>(MEASURE, [p.ewkb]);
  if (!m) {
    // No row means either no outline, or (embedded database) a geometry-engine failure that
    // swallowed the row: tell them apart instead of blaming a missing outline.
    const [outline] = await h.query<{ n: number }>('SELECT count(*)::int AS n FROM county');
    const reason = outline?.n
      ? 'the database could not measure this boundary against the county outline (the geometry engine failed on it); check it in GIS (e.g. Check Validity) and import again'
      : 'the database holds no county outline to check the boundary against';
    return { ok: false, repaired, reason };
  }
  if (m.empty) return { ok: false, repaired, reason: 'nothing polygonal is left after moving it to WGS 84' };
  const inside = Number(m.inside ?? 0);
  const areaKm2 = Number(m.area_km2);
  if (inside < MIN_INSIDE_COUNTY)
    return {
      ok: false,
      repaired,
      reason:
        `only ${(inside * 100).toFixed(1)}% of its ${areaKm2.toFixed(3)} km² lies inside the county outline (at least ${MIN_INSIDE_COUNTY * 100}% needed); ` +
        `a wrong CRS is the usual cause (${crsNote})`,
    };
  return { ok: true, ewkb: m.ewkb, areaKm2, repaired };
}
