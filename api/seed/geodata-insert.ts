import type { Dataset } from '../../geodata/dataset.ts';
import { type BulkColumn, bulkInsert } from '../db/bulk.ts';
import type { Handle } from '../db/index.ts';

type F<P> = { properties: P; geometry: unknown };

/** GeoJSON text -> a valid MultiPolygon in 4326. */
const AREA = 'ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON($v), 4326))';
const geojson = (f: F<unknown>) => JSON.stringify(f.geometry);

type Township = Dataset['townships']['features'][number];
type Village = Dataset['villages']['features'][number];

const TOWNSHIP_COLUMNS: BulkColumn<Township>[] = [
  { name: 'code', type: 'text', value: (f) => f.properties.code },
  { name: 'code12', type: 'text', value: (f) => f.properties.code12 },
  { name: 'name', type: 'text', value: (f) => f.properties.name },
  { name: 'kind', type: 'text', value: (f) => f.properties.kind },
  { name: 'seat', type: 'text', value: (f) => `POINT(${f.properties.seat[0]} ${f.properties.seat[1]})`, expr: 'ST_GeomFromText($v, 4326)' },
  { name: 'seat_source', type: 'text', value: (f) => f.properties.seatSource },
  { name: 'boundary_source', type: 'text', value: (f) => f.properties.boundarySource },
  { name: 'geom', type: 'text', value: geojson, expr: AREA },
];

const VILLAGE_COLUMNS: BulkColumn<Village>[] = [
  { name: 'code', type: 'text', value: (f) => f.properties.code },
  { name: 'township_code', type: 'text', value: (f) => f.properties.townshipCode },
  { name: 'name', type: 'text', value: (f) => f.properties.name },
  { name: 'nbs_name', type: 'text', value: (f) => f.properties.nbsName },
  { name: 'kind', type: 'text', value: (f) => f.properties.kind },
  { name: 'ur_code', type: 'smallint', value: (f) => f.properties.urCode },
  { name: 'population', type: 'int', value: (f) => f.properties.population },
  { name: 'boundary_source', type: 'text', value: (f) => f.properties.boundarySource },
  { name: 'geom', type: 'text', value: geojson, expr: AREA },
];

/** Writes the county, its townships, villages and the river (triggers derive the display geometry). */
export async function insertGeodata(h: Handle, ds: Dataset): Promise<void> {
  const county = ds.county.features[0];
  if (!county) throw new Error('dataset has no county outline');
  await h.query(`INSERT INTO county (code, name, geom) VALUES ($1, $2, ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON($3), 4326)))`, [
    county.properties.code,
    county.properties.name,
    JSON.stringify(county.geometry),
  ]);
  await bulkInsert(h, 'township', TOWNSHIP_COLUMNS, ds.townships.features);
  await bulkInsert(h, 'village', VILLAGE_COLUMNS, ds.villages.features);
  for (const r of ds.river.features) {
    await h.query(`INSERT INTO river (name, geom) VALUES ($1, ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON($2), 4326)))`, [r.properties.name, JSON.stringify(r.geometry)]);
  }
}
