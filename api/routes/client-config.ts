import { Hono } from 'hono';
import { shanghaiDate } from '../contract/calendar.ts';
import { BOUNDARY_NOTE } from '../queries/layers.ts';
import type { Deps } from './deps.ts';
import { noQuery, validate } from './validation.ts';

/** What the web app needs to know about this installation, read once at start-up. */
export function clientConfigRoutes(deps: Deps) {
  return new Hono().get('/', validate('query', noQuery), (c) =>
    c.json({
      basemapUrl: deps.config.BASEMAP_URL ?? null,
      basemapAttribution: deps.config.BASEMAP_ATTRIBUTION || null,
      coverageVisitsPerQuarter: deps.config.COVERAGE_VISITS_PER_QUARTER,
      silenceWeeks: deps.config.SILENCE_WEEKS,
      timeZone: 'Asia/Shanghai' as const,
      /** Today in Asia/Shanghai by the server's clock (APP_NOW pins it): period presets count from it. */
      today: shanghaiDate(deps.now()),
      boundaryNote: BOUNDARY_NOTE,
    }),
  );
}
