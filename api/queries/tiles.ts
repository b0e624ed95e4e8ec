import { type GeoJSONVTTile, geoJSONToTile } from '@maplibre/geojson-vt';
import { fromGeojsonVt } from '@maplibre/vt-pbf';
import { EVENT_TYPES } from '../contract/enums.ts';
import { TILE_BUFFER, TILE_EXTENT, type TileAddress, type TileLayer, tileBounds } from '../contract/tiles.ts';
import type { DbKind, Handle } from '../db/index.ts';
import type { CaseFilter } from '../filter/case-filter.ts';
import { EVENTS, type EventOptions, eventArgs } from './events.ts';
import { METRIC_ROWS, type MetricSettings, villageMetricArgs } from './metric-rows.ts';
import { sqlFile } from './sql.ts';

/**
 * Vector tiles of the village layer (with the filter's metrics) and of the events. The rows of a
 * tile come from one SQL on both databases (tile-*.sql, built on the queries of the GeoJSON
 * layers); PostgreSQL encodes them with ST_AsMVT, the embedded database (PostGIS built without
 * protobuf: no ST_AsMVT, no ST_AsMVTGeom) with MapLibre's own geojson-vt and vt-pbf, which clip to
 * the same buffer and write the same layer, ids and properties.
 */

const FEATURES: Record<TileLayer, string> = {
  villages: sqlFile(import.meta.url, 'tile-villages.sql').replace('/*BASE*/', METRIC_ROWS),
  events: sqlFile(import.meta.url, 'tile-events.sql').replace('/*BASE*/', EVENTS),
};

/**
 * ST_AsMVT over the rows `f`, the first :cap in their order, clipped to the tile and its buffer;
 * `drawn` counts the features the tile holds (a village smaller than a tile unit at a low zoom
 * collapses and is left out, so the X-Tile-Features header says what a client will find).
 */
const ENCODE_POSTGIS = `,
g AS (
  SELECT fid, props, ST_AsMVTGeom(ST_Transform(geom, 3857), ST_TileEnvelope(:z, :x, :y), ${TILE_EXTENT}, ${TILE_BUFFER}, true) AS geom
  FROM f ORDER BY ord LIMIT :cap
)
SELECT (SELECT count(*) FROM f)::int AS matched,
       (SELECT count(*) FROM g WHERE geom IS NOT NULL)::int AS drawn,
       coalesce((SELECT ST_AsMVT(t, :layer, ${TILE_EXTENT}, 'geom', 'fid') FROM (SELECT * FROM g WHERE geom IS NOT NULL) t), ''::bytea) AS tile`;

/** Whether any village's map geometry reaches the tile: one index probe before the metrics of a scope. */
const ANY_VILLAGE = 'SELECT EXISTS (SELECT 1 FROM village WHERE geom_display && ST_MakeEnvelope($1, $2, $3, $4, 4326)) AS reaches';

/** The rows `f` for the JS encoder: the geometry as GeoJSON, already serialised for the villages. */
const ROWS_PGLITE = 'SELECT fid::text AS fid, props, geojson FROM f ORDER BY ord';

/**
 * Replaces `:name` placeholders of our own SQL with `$n` after the base query's parameters, so the
 * base (metric-rows.sql, events.sql) keeps its own numbering whatever parameters it gains.
 */
export function bindAfter(sql: string, base: readonly unknown[], named: Record<string, unknown>): { sql: string; params: unknown[] } {
  // Only the names the SQL uses become parameters: PostgreSQL cannot type one it never sees.
  const used: string[] = [];
  const out = sql.replace(/(?<![:\w]):([a-z]+)\b/g, (token, name: string) => {
    if (!Object.hasOwn(named, name)) throw new Error(`no value for ${token}`);
    if (!used.includes(name)) used.push(name);
    return `$${base.length + used.indexOf(name) + 1}`;
  });
  return { sql: out, params: [...base, ...used.map((n) => named[n])] };
}

export interface TileAnswer {
  /** The encoded tile; empty when no feature reaches it. */
  bytes: Uint8Array;
  /** Features read for it, after the cap (a feature that only grazes the buffer may then be clipped away). */
  features: number;
  /** More features matched than the cap: the tile holds the first (villages by code, events newest). */
  truncated: boolean;
}

interface TileRow {
  fid: string | null;
  props: Record<string, unknown>;
  geojson: string;
}

/** Null properties are left out of a tile (MVT has no null), as ST_AsMVT does. */
function present(props: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(props).filter(([, v]) => v !== null && v !== undefined));
}

function encodeJs(layer: TileLayer, t: TileAddress, rows: TileRow[]): { bytes: Uint8Array; drawn: number } {
  const collection: GeoJSON.FeatureCollection = {
    type: 'FeatureCollection',
    features: rows.map((r) => ({
      type: 'Feature',
      ...(r.fid === null ? {} : { id: Number(r.fid) }),
      properties: present(r.props),
      geometry: JSON.parse(r.geojson) as GeoJSON.Geometry,
    })),
  };
  // maxZoom the tile's own: simplified for a deeper zoom, a village at zoom 0 fell under the
  // dropping threshold and the tile came out empty while saying it held 491 features.
  const tile: GeoJSONVTTile | null = geoJSONToTile(collection, t.z, t.x, t.y, { extent: TILE_EXTENT, buffer: TILE_BUFFER, clip: true, maxZoom: t.z });
  if (!tile || tile.features.length === 0) return { bytes: new Uint8Array(0), drawn: 0 };
  return { bytes: fromGeojsonVt({ [layer]: tile }, { version: 2, extent: TILE_EXTENT }), drawn: tile.features.length };
}

async function tile(h: Handle, kind: DbKind, layer: TileLayer, t: TileAddress, base: unknown[], cap: number): Promise<TileAnswer> {
  const b = tileBounds(t, TILE_BUFFER);
  const named = { west: b.west, south: b.south, east: b.east, north: b.north, cap };
  // A tile no village reaches (the sea at zoom 22, anything off the county): empty at once, not
  // after the metrics of every village in scope.
  if (layer === 'villages') {
    const [probe] = await h.query<{ reaches: boolean }>(ANY_VILLAGE, [b.west, b.south, b.east, b.north]);
    if (!probe?.reaches) return { bytes: new Uint8Array(0), features: 0, truncated: false };
  }
  if (kind === 'postgres') {
    const { sql, params } = bindAfter(`${FEATURES[layer]}${ENCODE_POSTGIS}`, base, { ...named, layer, z: t.z, x: t.x, y: t.y });
    const [row] = await h.query<{ matched: number; drawn: number; tile: Uint8Array }>(sql, params);
    return { bytes: new Uint8Array(row?.tile ?? new Uint8Array(0)), features: row?.drawn ?? 0, truncated: (row?.matched ?? 0) > cap };
  }
  const { sql, params } = bindAfter(`${FEATURES[layer]}${ROWS_PGLITE}`, base, named);
  const rows = await h.query<TileRow>(sql, params);
  const { bytes, drawn } = encodeJs(layer, t, rows.slice(0, cap));
  return { bytes, features: drawn, truncated: rows.length > cap };
}

/** The village layer's tile: every village in scope reaching it, with the filter's metrics. */
export function villageTile(h: Handle, kind: DbKind, f: CaseFilter, s: MetricSettings, t: TileAddress, cap: number): Promise<TileAnswer> {
  return tile(h, kind, 'villages', t, villageMetricArgs(f, s), cap);
}

/** The events' tile: the newest `cap` disputes, hazards and visits of the filter (of `types`) inside it. */
export function eventTile(h: Handle, kind: DbKind, f: CaseFilter, types: EventOptions['types'], t: TileAddress, cap: number): Promise<TileAnswer> {
  const b = tileBounds(t, TILE_BUFFER);
  const options: EventOptions = { types: types.length ? types : EVENT_TYPES, bbox: [b.west, b.south, b.east, b.north], cap };
  return tile(h, kind, 'events', t, eventArgs(f, options), cap);
}
