import { Hono } from 'hono';
import { BOUNDARY_NOTE } from '../queries/layers.ts';
import type { Deps } from './deps.ts';

/** What the web app needs to know about this installation, read once at start-up. */
export function clientConfigRoutes(deps: Deps) {
  return new Hono().get('/', (c) =>
    c.json({
      basemapUrl: deps.config.BASEMAP_URL ?? null,
      basemapAttribution: deps.config.BASEMAP_ATTRIBUTION || null,
      coverageVisitsPerQuarter: deps.config.COVERAGE_VISITS_PER_QUARTER,
      timeZone: 'Asia/Shanghai' as const,
      boundaryNote: BOUNDARY_NOTE,
    }),
  );
}
