import { Hono } from 'hono';
import { z } from 'zod';
import { caseFilterShape, csvOf, filterQuery } from '../contract/case-filter.ts';
import { EVENT_TYPES } from '../contract/enums.ts';
import { TILE_CONTENT_TYPE, tileParams } from '../contract/tiles.ts';
import { ValidationError } from '../errors.ts';
import { caseFilter, readFiltered } from '../filter/middleware.ts';
import { metricSettings } from '../queries/metric-rows.ts';
import { EVENT_TILE_LAYERS, EVENT_VILLAGES_LAYER, eventTile, type TileAnswer, villageTile } from '../queries/tiles.ts';
import type { Deps } from './deps.ts';
import { validate } from './validation.ts';

/** The village layer's filter, whole: a field added to the case filter reaches the tiles too. */
const villageQuery = filterQuery(caseFilterShape);
/**
 * /api/events' filter and its `type`; the bounds are the tile's, and the cap is TILE_MAX_FEATURES.
 * At zoom TILE_EVENT_VILLAGES_MAX_ZOOM or less an unfiltered tile holds one feature a village
 * (layer event_villages) instead of the points; `layer` chooses.
 */
const eventQuery = filterQuery({
  ...caseFilterShape,
  type: csvOf(EVENT_TYPES).optional(),
  /** `events`: the points at any zoom; `event_villages`: the villages' counts (no case filter); unset: by zoom (TILE_EVENT_VILLAGES_MAX_ZOOM). */
  layer: z.enum(EVENT_TILE_LAYERS).optional(),
});

function tileResponse(t: TileAnswer): Response {
  return new Response(t.bytes as Uint8Array<ArrayBuffer>, {
    status: 200,
    headers: {
      'content-type': TILE_CONTENT_TYPE,
      // The tile's layer (an event tile of villages has its own), how many features it holds, and
      // whether more matched than TILE_MAX_FEATURES.
      'x-tile-layer': t.layer,
      'x-tile-features': String(t.features),
      'x-tile-truncated': String(t.truncated),
    },
  });
}

/**
 * `GET /api/tiles/{layer}/{z}/{x}/{y}.mvt`: the village layer (with the filter's metrics) and the
 * events as Mapbox Vector Tiles, for maps with more units than GeoJSON carries well. Scope and
 * filter as their GeoJSON counterparts (`/api/villages`, `/api/events`): the case filter's
 * middleware, row-level security underneath.
 */
export function tilesRoutes(deps: Deps) {
  const filtered = caseFilter(deps);
  const settings = metricSettings(deps.config);
  const cap = deps.config.TILE_MAX_FEATURES;
  return new Hono()
    .get('/villages/:z/:x/:y', validate('param', tileParams), validate('query', villageQuery), filtered, async (c) => {
      const t = c.req.valid('param');
      return tileResponse(
        await readFiltered(deps, c, (h, f) => {
          // the coverage of today's villages read from the kept day (migrations 015, 016)
          deps.coverageBase?.want(f.period.ref);
          return villageTile(h, deps.db.kind, f, settings, t, cap);
        }),
      );
    })
    .get('/events/:z/:x/:y', validate('param', tileParams), validate('query', eventQuery), filtered, async (c) => {
      const t = c.req.valid('param');
      const q = c.req.valid('query');
      const types = q.type ?? EVENT_TYPES;
      if (q.layer === EVENT_VILLAGES_LAYER && (q.category || q.status || q.campaign)) {
        throw new ValidationError('the villages’ counts come from the rollups, which carry no category, status or campaign', {
          layer: `${EVENT_VILLAGES_LAYER} takes no category, status or campaign filter`,
        });
      }
      const form = q.layer ?? 'auto';
      return tileResponse(await readFiltered(deps, c, (h, f) => eventTile(h, deps.db.kind, f, types, t, cap, { form, villagesMaxZoom: deps.config.TILE_EVENT_VILLAGES_MAX_ZOOM })));
    });
}
