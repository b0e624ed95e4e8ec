import { Hono } from 'hono';
import { basemapService } from '../basemap/service.ts';
import { shanghaiDate } from '../contract/calendar.ts';
import { BOUNDARY_NOTE } from '../queries/layers.ts';
import type { Deps } from './deps.ts';
import { noQuery, validate } from './validation.ts';

/** What the web app needs to know about this installation, read once at start-up. */
export function clientConfigRoutes(deps: Deps) {
  const basemaps = basemapService(deps.config);
  return new Hono().get('/', validate('query', noQuery), async (c) => {
    const basemap = await basemaps.spec();
    return c.json({
      /** The basemap to draw under our layers (api/basemap/providers.ts), with its CRS and attribution. */
      basemap,
      /** The first raster template and the attribution, as older pages read them. */
      basemapUrl: basemap.rasters[0]?.tiles[0] ?? null,
      basemapAttribution: basemap.attribution,
      coverageVisitsPerQuarter: deps.config.COVERAGE_VISITS_PER_QUARTER,
      silenceWeeks: deps.config.SILENCE_WEEKS,
      timeZone: 'Asia/Shanghai' as const,
      /** Today in Asia/Shanghai by the server's clock (APP_NOW pins it): period presets count from it. */
      today: shanghaiDate(deps.now()),
      boundaryNote: BOUNDARY_NOTE,
      /** The server answers every request within this (503 past it): the page gives up on a read a little later. */
      requestTimeoutMs: deps.config.REQUEST_TIMEOUT_MS,
      /** A map of more villages than this draws them at county scope from the village tiles (MAP_TILES_ABOVE_VILLAGES). */
      mapTilesAboveVillages: deps.config.MAP_TILES_ABOVE_VILLAGES,
    });
  });
}
