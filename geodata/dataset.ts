/**
 * Typed access to the committed default dataset (geodata/hengyang/), for code that seeds a
 * database or serves the map. Plain node:fs reads: the files are a few MB and read once.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AreaGeometry, Position } from './generator/geo.ts';

export type { AreaGeometry, Position };

export interface LineGeometry {
  type: 'LineString' | 'MultiLineString';
  coordinates: Position[] | Position[][];
}

export interface Feature<G, P> {
  type: 'Feature';
  properties: P;
  geometry: G;
}

export interface FeatureCollection<G, P> {
  type: 'FeatureCollection';
  features: Feature<G, P>[];
}

export interface CountyProps {
  code: string;
  name: string;
  source: string;
}

export interface TownshipProps {
  /** 9-digit NBS code, e.g. "430421100". */
  code: string;
  code12: string;
  /** 2023 NBS name. */
  name: string;
  kind: '镇' | '乡';
  /** WGS84 [lng, lat]. */
  seat: Position;
  /** "nbs": from the published seat; "placed": put there by the generator (no public seat). */
  seatSource: 'nbs' | 'placed';
  villageCount: number;
  population: number;
  boundarySource: 'generated';
}

export interface VillageProps {
  /** 12-digit NBS code; its first 9 digits are the township code. */
  code: string;
  /** Display name, committee suffix removed: 将军头村, 壕塘社区. */
  name: string;
  /** The name as the NBS lists it: 将军头村委会, 壕塘社区居委会. */
  nbsName: string;
  townshipCode: string;
  townshipName: string;
  kind: '村' | '社区';
  /** NBS urban-rural class: 121, 122, 210 or 220. */
  urCode: number;
  population: number;
  boundarySource: 'generated';
}

export interface RiverProps {
  name: string;
  name_en: string;
  source: string;
}

export interface DatasetMeta {
  seed: number;
  generatedFrom: string;
  counts: {
    townships: number;
    towns: number;
    xiang: number;
    villages: number;
    cun: number;
    shequ: number;
  };
  countyAreaKm2: number;
  populationTotal: number;
  placedSeats: Array<{ code: string; name: string; seat: Position; emptyCircleKm: number }>;
}

export interface Dataset {
  county: FeatureCollection<AreaGeometry, CountyProps>;
  townships: FeatureCollection<AreaGeometry, TownshipProps>;
  villages: FeatureCollection<AreaGeometry, VillageProps>;
  river: FeatureCollection<LineGeometry, RiverProps>;
  meta: DatasetMeta;
}

export const DEFAULT_DATASET_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'hengyang');

function readJson<T>(dir: string, file: string): T {
  return JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as T;
}

export function loadDataset(dir: string = DEFAULT_DATASET_DIR): Dataset {
  return {
    county: readJson(dir, 'county.geojson'),
    townships: readJson(dir, 'townships.geojson'),
    villages: readJson(dir, 'villages.geojson'),
    river: readJson(dir, 'river.geojson'),
    meta: readJson(dir, 'meta.json'),
  };
}
