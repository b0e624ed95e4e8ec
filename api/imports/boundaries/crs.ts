import { child, descendants, epsgOf, nameOf, parseWkt, type WktNode } from './wkt.ts';

/**
 * The coordinate systems a boundary file may come in: WGS 84, CGCS2000 (the national datum the
 * natural-resources bureau publishes in) geographic, and CGCS2000 Gauss-Kruger 3- and 6-degree
 * zones, with or without the zone number prefixed to the easting. GCJ-02 (AMap) is not a CRS
 * PostGIS knows; it is undone in TS before the data reaches the database.
 */
export interface CrsInfo {
  srid: number;
  label: string;
  kind: 'geographic' | 'projected';
  centralMeridian?: number;
  falseEasting?: number;
  /** Plausible coordinate ranges [minX, minY, maxX, maxY]: outside them the CRS is surely wrong. */
  bounds: [number, number, number, number];
}

export type CrsResult = { ok: true; crs: CrsInfo } | { ok: false; reason: string };

export const SUPPORTED_CRS = new Map<number, CrsInfo>();
const geographic = (srid: number, label: string) => SUPPORTED_CRS.set(srid, { srid, label, kind: 'geographic', bounds: [-180, -90, 180, 90] });
geographic(4326, 'WGS 84');
geographic(4490, 'CGCS2000');

function gaussKruger(srid: number, degrees: 3 | 6, centralMeridian: number, zone: number | null) {
  const falseEasting = zone === null ? 500_000 : zone * 1_000_000 + 500_000;
  const offset = falseEasting - 500_000;
  const label = `CGCS2000 / ${degrees}-degree Gauss-Kruger ${zone === null ? `CM ${centralMeridian}E` : `zone ${zone}`}`;
  SUPPORTED_CRS.set(srid, {
    srid,
    label,
    kind: 'projected',
    centralMeridian,
    falseEasting,
    bounds: [offset, 0, offset + 1_000_000, 10_000_000],
  });
}
for (let k = 0; k <= 20; k++) {
  gaussKruger(4534 + k, 3, 75 + 3 * k, null); // EPSG:4534..4554, CM 75E..135E
  gaussKruger(4513 + k, 3, 75 + 3 * k, 25 + k); // EPSG:4513..4533, zones 25..45
}
for (let k = 0; k <= 10; k++) {
  gaussKruger(4502 + k, 6, 75 + 6 * k, null); // EPSG:4502..4512
  gaussKruger(4491 + k, 6, 75 + 6 * k, 13 + k); // EPSG:4491..4501, zones 13..23
}

const supported = (srid: number, from: string): CrsResult => {
  const crs = SUPPORTED_CRS.get(srid);
  return crs ? { ok: true, crs } : { ok: false, reason: `EPSG:${srid} (${from}) is not supported; use WGS 84, CGCS2000 (EPSG:4490) or a CGCS2000 Gauss-Kruger zone` };
};

const squash = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '');

type Datum = 'wgs84' | 'cgcs2000' | { unsupported: string };
function datumOf(geogcs: WktNode): Datum | null {
  const names = [nameOf(geogcs), ...descendants(geogcs, 'DATUM', 'ENSEMBLE').map(nameOf)].map(squash);
  const has = (...keys: string[]) => names.some((n) => keys.some((k) => n.includes(k)));
  if (has('china2000', 'chinageodeticcoordinatesystem2000', 'cgcs2000')) return 'cgcs2000';
  if (has('wgs1984', 'wgs84', 'worldgeodeticsystem1984')) return 'wgs84';
  if (has('xian1980', 'xian80')) return { unsupported: 'Xian 1980' };
  if (has('beijing1954', 'beijing54')) return { unsupported: 'Beijing 1954' };
  return null;
}

const unsupportedDatum = (name: string): CrsResult => ({
  ok: false,
  reason: `the datum ${name} is not supported (its shift to WGS 84 needs parameters that are not published); export the file in CGCS2000 or WGS 84`,
});

/** Projection parameters by a normalised name, whatever the WKT dialect calls them. */
function parametersOf(root: WktNode): Record<'cm' | 'fe' | 'fn' | 'k' | 'lat0', number | undefined> {
  const out: Record<string, number> = {};
  const alias: Record<string, string> = {
    centralmeridian: 'cm',
    longitudeofnaturalorigin: 'cm',
    longitudeoforigin: 'cm',
    longitudeofcenter: 'cm',
    falseeasting: 'fe',
    falsenorthing: 'fn',
    scalefactor: 'k',
    scalefactoratnaturalorigin: 'k',
    latitudeoforigin: 'lat0',
    latitudeofnaturalorigin: 'lat0',
  };
  for (const p of descendants(root, 'PARAMETER')) {
    const key = alias[squash(nameOf(p))];
    if (key && typeof p.args[1] === 'number') out[key] = p.args[1];
  }
  return { cm: out.cm, fe: out.fe, fn: out.fn, k: out.k, lat0: out.lat0 };
}

function projected(root: WktNode): CrsResult {
  const base = child(root, 'GEOGCS', 'BASEGEOGCRS', 'BASEGEODCRS');
  const datum = base ? datumOf(base) : null;
  if (datum && typeof datum === 'object') return unsupportedDatum(datum.unsupported);
  const name = nameOf(root);
  if (datum !== 'cgcs2000') return { ok: false, reason: `unsupported projected CRS "${name}": only CGCS2000 Gauss-Kruger zones are known` };
  const method = squash(nameOf(descendants(root, 'PROJECTION', 'METHOD')[0]));
  if (!method.includes('transversemercator') && !method.includes('gausskruger'))
    return { ok: false, reason: `unsupported projection "${method || 'none'}" in "${name}": expected Gauss-Kruger (Transverse Mercator)` };
  const p = parametersOf(root);
  const near = (a: number | undefined, b: number, tol: number) => a !== undefined && Math.abs(a - b) <= tol;
  if (!near(p.k, 1, 1e-9) || !near(p.lat0 ?? 0, 0, 1e-9) || !near(p.fn ?? 0, 0, 0.5))
    return { ok: false, reason: `"${name}" is a Transverse Mercator with non-standard parameters (scale ${p.k}, origin ${p.lat0}, false northing ${p.fn})` };
  const candidates = [...SUPPORTED_CRS.values()].filter((c) => near(p.cm, c.centralMeridian ?? NaN, 1e-7) && near(p.fe, c.falseEasting ?? NaN, 0.5));
  // A central meridian on both grids (e.g. 111E) is the same projection either way; prefer what the name says.
  const sixDegree = /6[\s_-]*degree|6度/i.test(name);
  const pick = candidates.find((c) => c.label.includes(sixDegree ? '6-degree' : '3-degree')) ?? candidates[0];
  if (!pick) return { ok: false, reason: `"${name}" (central meridian ${p.cm}, false easting ${p.fe}) is not a CGCS2000 Gauss-Kruger zone` };
  return { ok: true, crs: pick };
}

/** The CRS a shapefile's `.prj` declares: by its EPSG authority code, else by datum and parameters. */
export function crsFromPrj(wkt: string): CrsResult {
  let root: WktNode;
  try {
    root = parseWkt(wkt.replace(/^\uFEFF/, '').trim());
  } catch (e) {
    return { ok: false, reason: `the .prj is not readable WKT (${(e as Error).message})` };
  }
  const code = epsgOf(root);
  if (code !== null) return supported(code, nameOf(root) || 'from the .prj');
  switch (root.keyword) {
    case 'GEOGCS':
    case 'GEOGCRS':
    case 'GEODCRS':
    case 'GEOGRAPHICCRS': {
      const datum = datumOf(root);
      if (datum === 'wgs84') return supported(4326, nameOf(root));
      if (datum === 'cgcs2000') return supported(4490, nameOf(root));
      if (datum) return unsupportedDatum(datum.unsupported);
      return { ok: false, reason: `unknown geographic CRS "${nameOf(root)}"` };
    }
    case 'PROJCS':
    case 'PROJCRS':
    case 'PROJECTEDCRS':
      return projected(root);
    default:
      return { ok: false, reason: `unsupported kind of CRS ${root.keyword}[...] in the .prj` };
  }
}

/** The CRS a GeoJSON's legacy `crs` member names (RFC 7946 dropped it; files from GIS tools still carry it). */
export function crsFromGeojson(member: unknown): CrsResult | null {
  if (member === undefined || member === null) return null;
  const props = (member as { properties?: { name?: unknown; code?: unknown } }).properties ?? {};
  if (typeof props.code === 'number') return supported(props.code, `EPSG:${props.code}`);
  const name = typeof props.name === 'string' ? props.name : '';
  if (/CRS84$/i.test(name)) return supported(4326, name);
  const code = /EPSG.*?(\d{4,5})$/i.exec(name)?.[1];
  if (code) return supported(Number(code), name);
  return { ok: false, reason: `unrecognised GeoJSON crs ${JSON.stringify(member).slice(0, 120)}` };
}

/** `--crs` / `crs=`: `gcj02` or `EPSG:n`. */
export function crsFromFlag(flag: string): CrsResult | 'gcj02' {
  if (/^gcj-?02$/i.test(flag)) return 'gcj02';
  const code = /^EPSG:(\d{4,5})$/i.exec(flag)?.[1];
  return code ? supported(Number(code), flag) : { ok: false, reason: `unknown crs "${flag}": expected gcj02 or EPSG:<code>` };
}

export const crsNames = (crs: CrsInfo) => `EPSG:${crs.srid} (${crs.label})`;
