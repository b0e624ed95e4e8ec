import { queryOptions } from '@tanstack/react-query';
import { setAnswerDeadline } from '../../api/answer-deadline.ts';
import { api } from '../../api/client.ts';
import type { ClientConfig } from '../../api/types.ts';

/**
 * Per-site settings the server hands the page at run time (the same build serves every site),
 * from GET /api/config. Checked here by hand (zod would add tens of KB to the first load for four
 * fields); a server without the endpoint (404: an older build) gives every setting its default,
 * so the map never waits on it.
 *
 * Fields: basemap (the configured provider: raster templates or a vector style of this server, its
 * CRS and attribution; api/basemap/providers.ts), basemapUrl and basemapAttribution (what servers
 * before it sent: one raster template, WGS84), today (YYYY-MM-DD in Asia/Shanghai as the server sees
 * it: APP_NOW pins it for demos), coverageVisitsPerQuarter, requestTimeoutMs (the server's deadline, which
 * sets the page's own for reads: api/answer-deadline.ts), mapTilesAboveVillages (the map's switch to
 * village vector tiles).
 */
type Json = Record<string, unknown>;

const str = (o: Json, k: string): string | null => (typeof o[k] === 'string' && (o[k] as string).length > 0 ? (o[k] as string) : null);

/** The settings the page reads, typed by the API's answer; `today` is null from a server that does not say. */
export type RuntimeConfig = Pick<ClientConfig, 'basemapUrl' | 'basemapAttribution' | 'coverageVisitsPerQuarter' | 'basemap'> & {
  today: ClientConfig['today'] | null;
  /** The server's request deadline (REQUEST_TIMEOUT_MS); null from a server that does not say. */
  requestTimeoutMs: ClientConfig['requestTimeoutMs'] | null;
  /** A map of more villages than this draws them at county scope from vector tiles (MAP_TILES_ABOVE_VILLAGES). */
  mapTilesAboveVillages: ClientConfig['mapTilesAboveVillages'];
};
export type BasemapSpec = ClientConfig['basemap'];

/** The built-in basemap: our own outlines and rivers, nothing fetched from elsewhere. */
export const BUILTIN_BASEMAP: BasemapSpec = { provider: 'builtin', kind: 'none', crs: 'wgs84', rasters: [], style: null, attribution: null, minZoom: 0, maxZoom: 18 };

export const DEFAULT_CONFIG: RuntimeConfig = {
  basemapUrl: null,
  basemapAttribution: null,
  today: null,
  coverageVisitsPerQuarter: 3,
  basemap: BUILTIN_BASEMAP,
  requestTimeoutMs: null,
  mapTilesAboveVillages: 2000,
};

/** A tile template must be http(s) and carry {z}, {x} and {y}; anything else is ignored, not fetched. */
export function isTileTemplate(url: string): boolean {
  return /^(https?:\/\/|\/)/.test(url) && ['{z}', '{x}', '{y}'].every((p) => url.includes(p));
}

const PROVIDERS: readonly BasemapSpec['provider'][] = ['builtin', 'xyz', 'tianditu', 'amap', 'pmtiles'];
const zoom = (v: unknown, fallback: number) => (typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 24 ? v : fallback);

/**
 * The basemap as the server describes it, keeping only what is usable: tile templates that are
 * templates, a style served by this API. An older server's single template is an xyz WGS84 basemap.
 */
export function parseBasemap(c: Json): BasemapSpec {
  const b = c.basemap;
  const attribution = str(c, 'basemapAttribution');
  if (!b || typeof b !== 'object') {
    const url = str(c, 'basemapUrl');
    return url && isTileTemplate(url) ? { ...BUILTIN_BASEMAP, provider: 'xyz', kind: 'raster', rasters: [{ id: 'xyz', tiles: [url] }], attribution } : BUILTIN_BASEMAP;
  }
  const o = b as Json;
  const rasters = (Array.isArray(o.rasters) ? o.rasters : [])
    .map((r: unknown) => (r && typeof r === 'object' ? (r as Json) : {}))
    .map((r) => ({
      id: typeof r.id === 'string' ? r.id : 'raster',
      tiles: (Array.isArray(r.tiles) ? r.tiles : []).filter((t): t is string => typeof t === 'string' && isTileTemplate(t)),
    }))
    .filter((r) => r.tiles.length > 0);
  const style = str(o, 'style');
  const usableStyle = style?.startsWith('/api/basemap/') ? style : null;
  const kind = o.kind === 'vector' && usableStyle ? 'vector' : o.kind === 'raster' && rasters.length ? 'raster' : 'none';
  if (kind === 'none') return BUILTIN_BASEMAP;
  return {
    provider: PROVIDERS.includes(o.provider as BasemapSpec['provider']) ? (o.provider as BasemapSpec['provider']) : 'xyz',
    kind,
    crs: o.crs === 'gcj02' ? 'gcj02' : 'wgs84',
    rasters: kind === 'raster' ? rasters : [],
    style: kind === 'vector' ? usableStyle : null,
    attribution: str(o, 'attribution'),
    minZoom: zoom(o.minZoom, 0),
    maxZoom: zoom(o.maxZoom, 18),
  };
}

type ConfigResponse = { status: number; ok: boolean; json(): Promise<unknown> };

export async function fetchRuntimeConfig(get: () => Promise<ConfigResponse> = () => api.api.config.$get({ query: {} })): Promise<RuntimeConfig> {
  const res = await get();
  if (res.status === 404) return DEFAULT_CONFIG;
  if (!res.ok) throw new Error(`GET /api/config: HTTP ${res.status}`);
  const body: unknown = await res.json().catch(() => null);
  if (!body || typeof body !== 'object') return DEFAULT_CONFIG;
  const c = body as Json;
  const url = str(c, 'basemapUrl');
  const today = str(c, 'today');
  const visits = c.coverageVisitsPerQuarter;
  const timeout = c.requestTimeoutMs;
  const tilesAbove = c.mapTilesAboveVillages;
  return {
    basemapUrl: url && isTileTemplate(url) ? url : null,
    basemapAttribution: str(c, 'basemapAttribution'),
    basemap: parseBasemap(c),
    today: today && /^\d{4}-\d{2}-\d{2}$/.test(today) ? today : null,
    coverageVisitsPerQuarter: typeof visits === 'number' && Number.isInteger(visits) && visits > 0 ? visits : DEFAULT_CONFIG.coverageVisitsPerQuarter,
    requestTimeoutMs: typeof timeout === 'number' && Number.isInteger(timeout) && timeout > 0 ? timeout : null,
    mapTilesAboveVillages: typeof tilesAbove === 'number' && Number.isInteger(tilesAbove) && tilesAbove >= 0 ? tilesAbove : DEFAULT_CONFIG.mapTilesAboveVillages,
  };
}

export const runtimeConfigQuery = () =>
  queryOptions({
    queryKey: ['runtime-config'],
    queryFn: async () => {
      const config = await fetchRuntimeConfig();
      // reads wait for the server's own deadline plus a margin (answer-deadline.ts)
      setAnswerDeadline(config.requestTimeoutMs);
      return config;
    },
    staleTime: Infinity,
    // A broken config endpoint must not keep the map from drawing: fall back to defaults.
    retry: 1,
  });
