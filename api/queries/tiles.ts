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

const TILE_VILLAGES = sqlFile(import.meta.url, 'tile-villages.sql');

const FEATURES: Record<TileLayer, string> = {
  villages: TILE_VILLAGES.replace('/*BASE*/', METRIC_ROWS),
  events: sqlFile(import.meta.url, 'tile-events.sql').replace('/*BASE*/', EVENTS),
};

/** The layer of an event tile of the villages' counts (at low zoom, or asked for): one feature a village. */
export const EVENT_VILLAGES_LAYER = 'event_villages';
/** The layers an event tile may hold: the points, or the villages' counts. */
export const EVENT_TILE_LAYERS = ['events', EVENT_VILLAGES_LAYER] as const;

export interface EventTileForm {
  /** `auto`: the villages' counts at zoom `villagesMaxZoom` or less with no case filter, else the points. */
  form: 'auto' | (typeof EVENT_TILE_LAYERS)[number];
  /** TILE_EVENT_VILLAGES_MAX_ZOOM (-1: never by itself). */
  villagesMaxZoom: number;
}
const EVENT_VILLAGES = sqlFile(import.meta.url, 'tile-event-villages.sql');

/**
 * A tile of a county-wide view that reaches at most this many townships computes the metrics of
 * those only, one village_metrics call each (each reads its own township's rows: migration 010);
 * a tile reaching more (a low zoom) makes one call for the whole scope, which is then cheaper. The
 * break-even follows the map's size: one call for the county costs about five or six townships'
 * calls, one for a province of 1,525 townships about two hundred. So: at least TILE_TOWNSHIP_CALLS,
 * or a TILE_TOWNSHIP_SHARE-th of the townships when that is more. A z12 tile reaches two or three.
 * Only without a case filter: a filtered view reads the raw cases of the whole area in each call
 * (the raw paths of village_metrics are not split by township), so there one call is cheaper.
 */
export const TILE_TOWNSHIP_CALLS = 6;
export const TILE_TOWNSHIP_SHARE = 8;

function replaceOnce(sql: string, from: string, to: string): string {
  const at = sql.indexOf(from);
  if (at < 0 || sql.indexOf(from, at + 1) >= 0) throw new Error(`expected exactly one ${JSON.stringify(from)} in metric-rows.sql`);
  return sql.slice(0, at) + to + sql.slice(at + from.length);
}

/**
 * metric-rows.sql for the villages of the townships in :townships, one call per township. Used
 * only when the filter names no township: $5 is then NULL, and stays referenced so PostgreSQL can
 * type it.
 */
const VILLAGES_BY_TOWNSHIP = TILE_VILLAGES.replace(
  '/*BASE*/',
  replaceOnce(
    replaceOnce(METRIC_ROWS, 'FROM village_metrics(', 'FROM unnest(:townships::text[]) AS tw(code)\nCROSS JOIN LATERAL village_metrics('),
    'p_township => $5',
    'p_township => coalesce($5::text, tw.code)',
  ),
);

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

/**
 * How many townships a tile may compute one by one (`calls`, see TILE_TOWNSHIP_CALLS), and the
 * townships whose villages' map geometry reaches the tile, up to one more than that: one probe of
 * village_geom_display_gix (migration 011) before any metrics (none: the tile is empty at once).
 */
const TOWNSHIPS_REACHED = `WITH n AS (SELECT greatest(${TILE_TOWNSHIP_CALLS}, (SELECT count(*) FROM township) / ${TILE_TOWNSHIP_SHARE})::int AS calls)
SELECT (SELECT calls FROM n) AS calls,
       ARRAY(SELECT DISTINCT township_code FROM village
              WHERE geom_display && ST_MakeEnvelope($1, $2, $3, $4, 4326)
              ORDER BY 1 LIMIT (SELECT calls + 1 FROM n)) AS townships`;

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
  /** The tile's layer: the path's, or EVENT_VILLAGES_LAYER for an event tile of villages. */
  layer: string;
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

function encodeJs(layer: string, t: TileAddress, rows: TileRow[]): { bytes: Uint8Array; drawn: number } {
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

async function tile(h: Handle, kind: DbKind, layer: string, t: TileAddress, base: unknown[], cap: number, features: string, more = {}): Promise<TileAnswer> {
  const b = tileBounds(t, TILE_BUFFER);
  const named = { west: b.west, south: b.south, east: b.east, north: b.north, cap, ...more };
  if (kind === 'postgres') {
    const { sql, params } = bindAfter(`${features}${ENCODE_POSTGIS}`, base, { ...named, layer, z: t.z, x: t.x, y: t.y });
    const [row] = await h.query<{ matched: number; drawn: number; tile: Uint8Array }>(sql, params);
    return { bytes: new Uint8Array(row?.tile ?? new Uint8Array(0)), layer, features: row?.drawn ?? 0, truncated: (row?.matched ?? 0) > cap };
  }
  const { sql, params } = bindAfter(`${features}${ROWS_PGLITE}`, base, named);
  const rows = await h.query<TileRow>(sql, params);
  const { bytes, drawn } = encodeJs(layer, t, rows.slice(0, cap));
  return { bytes, layer, features: drawn, truncated: rows.length > cap };
}

const empty = (layer: string): TileAnswer => ({ bytes: new Uint8Array(0), layer, features: 0, truncated: false });

/**
 * The townships whose villages reach the tile (see TOWNSHIPS_REACHED), and how many of them a
 * tile may compute one by one: one probe of village_geom_display_gix before any metrics.
 */
async function townshipsReached(h: Handle, t: TileAddress): Promise<{ calls: number; townships: string[] }> {
  const b = tileBounds(t, TILE_BUFFER);
  const [probe] = await h.query<{ calls: number; townships: string[] }>(TOWNSHIPS_REACHED, [b.west, b.south, b.east, b.north]);
  return { calls: probe?.calls ?? TILE_TOWNSHIP_CALLS, townships: probe?.townships ?? [] };
}

/** The village layer's tile: every village in scope reaching it, with the filter's metrics. */
export async function villageTile(h: Handle, kind: DbKind, f: CaseFilter, s: MetricSettings, t: TileAddress, cap: number): Promise<TileAnswer> {
  // A tile no village reaches (the sea at zoom 22, anything off the map) is empty at once, not
  // after the metrics of every village in scope.
  const reached = await townshipsReached(h, t);
  if (reached.townships.length === 0) return empty('villages');
  const args = villageMetricArgs(f, s);
  if (f.township === null && unfiltered(f) && reached.townships.length <= reached.calls) {
    return tile(h, kind, 'villages', t, args, cap, VILLAGES_BY_TOWNSHIP, { townships: reached.townships });
  }
  return tile(h, kind, 'villages', t, args, cap, FEATURES.villages);
}

const unfiltered = (f: CaseFilter) => f.categories === null && f.statuses === null && f.campaign === null;

/**
 * The events' tile: the newest `cap` disputes, hazards and visits of the filter (of `types`) inside
 * it; or one feature a village (EVENT_VILLAGES_LAYER) with its counts from the rollups, whose cost
 * follows the villages, not the events: when asked for, or by itself (`auto`) at zoom
 * `villagesMaxZoom` or less, where a tile holds dozens of villages and thousands of points would
 * be a blot. By zoom, not by count: every tile of one zoom holds the same layer, so no event is
 * drawn both as a point and in a village's count, or in neither, where two tiles meet. Only an
 * unfiltered view has the counts: the rollups carry no category, status or campaign (009), so a
 * filtered tile is always points, read from the raw rows (the route refuses counts with a filter).
 */
export async function eventTile(h: Handle, kind: DbKind, f: CaseFilter, types: EventOptions['types'], t: TileAddress, cap: number, o: EventTileForm): Promise<TileAnswer> {
  const b = tileBounds(t, TILE_BUFFER);
  const wanted = types.length ? types : EVENT_TYPES;
  const villages = unfiltered(f) && (o.form === EVENT_VILLAGES_LAYER || (o.form === 'auto' && t.z <= o.villagesMaxZoom));
  if (villages) {
    const reached = await townshipsReached(h, t);
    // no village reaches the tile; or the filter's township does not (the list is whole up to `calls`)
    const elsewhere = f.township !== null && reached.townships.length <= reached.calls && !reached.townships.includes(f.township);
    if (reached.townships.length === 0 || elsewhere) return empty(EVENT_VILLAGES_LAYER);
    // the filter's township; else those reached, one call each, or the whole scope in one call
    const townships = f.township !== null ? [f.township] : reached.townships.length <= reached.calls ? reached.townships : [null];
    const named = { from: f.period.start.toISOString(), to: f.period.end.toISOString(), types: wanted, townships, west: b.west, south: b.south, east: b.east, north: b.north, cap };
    return tile(h, kind, EVENT_VILLAGES_LAYER, t, [], cap, EVENT_VILLAGES, named);
  }
  const options: EventOptions = { types: wanted, bbox: [b.west, b.south, b.east, b.north], cap };
  return tile(h, kind, 'events', t, eventArgs(f, options), cap, FEATURES.events);
}
