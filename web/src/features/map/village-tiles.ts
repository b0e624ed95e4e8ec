import { api } from '../../api/client.ts';
import type { CaseFilterQuery } from '../filters/case-filter.ts';
import type { Unit, VillageProps } from './metrics.ts';

/**
 * The village layer from vector tiles (GET /api/tiles/villages/{z}/{x}/{y}.mvt), for maps with
 * more villages than GeoJSON carries well (MAP_TILES_ABOVE_VILLAGES): a city's or a province's
 * deployment. MapLibre loads, caches and draws the tiles in its worker; the colours come from the
 * same scale as every other choropleth, computed over the villages in view and handed to MapLibre
 * as feature state, so a class means the same thing in the legend and on the map.
 */

export const VILLAGE_TILE_SOURCE = 'village-tiles';
export const VILLAGE_TILE_FILL = 'village-tiles-fill';
export const VILLAGE_TILE_LINE = 'village-tiles-line';
/** The tiles' layer name (api/contract/tiles.ts: one layer, named like the path's). */
export const VILLAGE_TILE_LAYER = 'villages';

/** Tiles for a map of more villages than the site's threshold; the county's 491 stay GeoJSON. */
export function usesVillageTiles(villageCount: number, above: number): boolean {
  return villageCount > above;
}

/**
 * The tile URL template of a filter, absolute (MapLibre resolves tiles against no base) and with
 * its query keys in order, so the same filter always gives the same string. Built by the typed
 * client, so a change to the route's path or query shows here as a type error.
 */
export function villageTileTemplate(filter: Omit<CaseFilterQuery, 'township'>, origin: string = window.location.origin): string {
  const entries = Object.entries(filter)
    .filter((e): e is [string, string] => typeof e[1] === 'string' && e[1] !== '')
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const url = api.api.tiles.villages[':z'][':x'][':y'].$url({ param: { z: '{z}', x: '{x}', y: '{y}.mvt' }, query: Object.fromEntries(entries) });
  const path = decodeURI(url.pathname).replace(/%7B/gi, '{').replace(/%7D/gi, '}');
  return `${origin}${path}${url.search}`;
}

const text = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const count = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);
const maybe = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/**
 * A tile feature's properties as the GeoJSON layer's (api/openapi/responses/map.ts). A tile has
 * no nulls (MVT leaves them out) and no pairs (the label point comes from the basemap's labels);
 * a feature without a code or a name is not a village and gives null.
 */
export function tileVillageProps(p: Record<string, unknown>, labelPoint: [number, number] | undefined): VillageProps | null {
  const code = text(p.code);
  const name = text(p.name);
  if (!code || !name) return null;
  const coverage = p.coverageStatus;
  return {
    code,
    name,
    townshipCode: text(p.townshipCode) ?? code.slice(0, 9),
    townshipName: text(p.townshipName) ?? '',
    kind: p.kind === '社区' ? '社区' : '村',
    boundarySource: p.boundarySource === 'imported' ? 'imported' : 'generated',
    labelPoint: labelPoint ?? [0, 0],
    population: count(p.population),
    disputes: count(p.disputes),
    disputesOpen: count(p.disputesOpen),
    mediationSuccessRate: maybe(p.mediationSuccessRate),
    hazards: count(p.hazards),
    hazardsOpen: count(p.hazardsOpen),
    hazardsOverdue: count(p.hazardsOverdue),
    visitsThisQuarter: count(p.visitsThisQuarter),
    coverageStatus: coverage === 'met' || coverage === 'at_risk' ? coverage : 'missed',
    lastVisitAt: text(p.lastVisitAt),
    expectedVisits: count(p.expectedVisits),
    lastReportAt: text(p.lastReportAt),
    silent: p.silent === true,
  };
}

/**
 * The villages of the features MapLibre drew, once each (a village crossing tiles comes once per
 * tile), in code order: the units the scale and the legend count.
 */
export function unitsOfTiles(features: readonly { properties: Record<string, unknown> | null }[], labels: ReadonlyMap<string, [number, number]>): Unit[] {
  const byCode = new Map<string, VillageProps>();
  for (const f of features) {
    const code = text(f.properties?.code);
    if (!code || byCode.has(code)) continue;
    const props = tileVillageProps(f.properties ?? {}, labels.get(code));
    if (props) byCode.set(code, props);
  }
  return [...byCode.keys()].sort().map((code) => ({ kind: 'village' as const, props: byCode.get(code)! }));
}

/** The refreshes of the townships' answer seen so far for one tile template. */
export interface Refreshes {
  template: string;
  updatedAt: number;
  /** The template's first answer has come (a later one is a refresh). */
  settled: boolean;
  count: number;
}

/**
 * Counts the refreshes of the data under one template, from the townships' answer (its time and
 * whether it is the previous filter's, kept on screen): the tiles are fetched again on each. The
 * first answer for a template is no refresh: the tiles of a new filter are asked for with it.
 */
export function nextRefreshes(prev: Refreshes | null, template: string, updatedAt: number, placeholder: boolean): Refreshes {
  if (!prev || prev.template !== template) return { template, updatedAt, settled: !placeholder && updatedAt > 0, count: prev?.count ?? 0 };
  if (placeholder || updatedAt === prev.updatedAt) return prev;
  return prev.settled ? { ...prev, updatedAt, count: prev.count + 1 } : { ...prev, updatedAt, settled: true };
}
