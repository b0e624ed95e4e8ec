/**
 * Reads the raw inputs in shared/geodata/hengyang (see its SOURCES.md). Kept apart from the
 * geometry so a change of source format touches one file.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PolygonGeometry, Position } from './geo.ts';

/** Where the inputs live: the shared data checked out beside this repository, as ../shared. */
export const DEFAULT_INPUT_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'shared', 'geodata', 'hengyang');

/**
 * The input folder, or an error that says which folder is missing and how to get it: without
 * the inputs the generator cannot run and the checks against them would prove nothing.
 */
export function requireInputDir(dir: string = DEFAULT_INPUT_DIR): string {
  if (existsSync(path.join(dir, 'SOURCES.md'))) return dir;
  throw new Error(
    `the generator's public inputs are missing: ${dir} (with its SOURCES.md) does not exist. ` +
      'They are the shared data (shared/geodata/hengyang/) checked out beside this repository as ../shared, ' +
      "as CI's clean clone has them; put them there, or give npm run geodata -- --input DIR.",
  );
}

export interface TownshipRow {
  code9: string;
  code12: string;
  name: string;
  kind: '镇' | '乡';
  /** village_level_units as published; the generator trusts the village list instead. */
  publishedUnits: number;
  seatGcj02: Position | null;
  seatWgs84: Position | null;
}

export interface VillageRow {
  code12: string;
  nbsName: string;
  townshipCode: string;
  townshipName: string;
  urCode: number;
}

export interface Inputs {
  outlineGcj02: PolygonGeometry;
  townships: TownshipRow[];
  villages: VillageRow[];
  river: { type: 'LineString' | 'MultiLineString'; coordinates: Position[] | Position[][] };
  /** The "Attribution" bullet lines of SOURCES.md, verbatim. */
  attribution: string[];
}

/** The inputs are plain NBS codes and names without commas or quotes; refuse anything fancier. */
export function parseCsv(text: string): Record<string, string>[] {
  const lines = text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '');
  if (lines.some((l) => l.includes('"'))) throw new Error('parseCsv: quoted fields are not supported');
  const header = lines[0]!.split(',');
  return lines.slice(1).map((line, n) => {
    const cells = line.split(',');
    if (cells.length !== header.length) throw new Error(`parseCsv: row ${n + 2} has ${cells.length} cells`);
    return Object.fromEntries(header.map((h, i) => [h, cells[i]!.trim()]));
  });
}

function point(lng: string | undefined, lat: string | undefined): Position | null {
  if (!lng || !lat) return null;
  return [Number(lng), Number(lat)];
}

export function loadInputs(dir: string): Inputs {
  const read = (f: string) => readFileSync(path.join(dir, f), 'utf8');

  const fence = JSON.parse(read('hengyang_county_amap_fence_gcj02.geojson'));
  const outline = fence.features?.[0]?.geometry;
  if (fence.features?.length !== 1 || outline?.type !== 'Polygon') throw new Error('county fence: expected one Polygon feature');

  const townships: TownshipRow[] = parseCsv(read('townships_430421.csv')).map((r) => ({
    code9: r.code9!,
    code12: r.code12!,
    name: r.name_nbs2023 || r.name!,
    kind: r.type === '乡' ? '乡' : '镇',
    publishedUnits: Number(r.village_level_units),
    seatGcj02: point(r.lng_gcj02, r.lat_gcj02),
    seatWgs84: point(r.lng_wgs84, r.lat_wgs84),
  }));

  const villages: VillageRow[] = parseCsv(read('villages_430421.csv')).map((r) => ({
    code12: r.code12!,
    nbsName: r.name!,
    townshipCode: r.township_code9!,
    townshipName: r.township_name!,
    urCode: Number(r.ur_code),
  }));

  const rivers = JSON.parse(read('river_xiangjiang_ne10m_wgs84.geojson'));
  const river = rivers.features?.[0]?.geometry;
  if (!river || !/LineString$/.test(river.type)) throw new Error('river: expected a line feature');

  const sources = read('SOURCES.md').split('\n');
  const start = sources.findIndex((l) => l.startsWith('Attribution'));
  const attribution: string[] = [];
  for (const l of sources.slice(start + 1)) {
    if (l.startsWith('- ')) attribution.push(l);
    else if (attribution.length > 0) break;
  }
  if (start < 0 || attribution.length === 0) throw new Error('SOURCES.md: no attribution lines found');

  return { outlineGcj02: outline, townships, villages, river, attribution };
}
