import { Hono } from 'hono';
import { z } from 'zod';
import { caseFilterShape, filterQuery } from '../contract/case-filter.ts';
import { caseFilter, readFiltered } from '../filter/middleware.ts';
import { categories } from '../queries/categories.ts';
import { metricSettings } from '../queries/metric-rows.ts';
import { RANKING_METRICS, ranking } from '../queries/ranking.ts';
import { summary } from '../queries/summary.ts';
import { trend } from '../queries/trend.ts';
import type { Deps } from './deps.ts';
import { validate } from './validation.ts';

const summaryQuery = filterQuery(caseFilterShape);

const trendQuery = filterQuery({ ...caseFilterShape, interval: z.enum(['week', 'month']).default('week') });

const rankingQuery = filterQuery({
  ...caseFilterShape,
  metric: z.enum(RANKING_METRICS).default('disputeRate'),
  level: z.enum(['township', 'village']).default('township'),
  order: z.enum(['asc', 'desc']).default('desc'),
  limit: z.coerce.number().int().min(1).max(491).default(491),
});

const categoriesQuery = filterQuery({ ...caseFilterShape, type: z.enum(['dispute', 'hazard']) });

export function statsRoutes(deps: Deps) {
  const filtered = caseFilter(deps);
  const settings = metricSettings(deps.config);
  return new Hono()
    .get('/summary', validate('query', summaryQuery), filtered, async (c) =>
      c.json(
        await readFiltered(deps, c, (h, f) => {
          deps.coverageBase?.wantSummary(f.period.ref);
          return summary(h, f, settings, f.now);
        }),
      ),
    )
    .get('/trend', validate('query', trendQuery), filtered, async (c) => {
      const { interval } = c.req.valid('query');
      return c.json(await readFiltered(deps, c, (h, f) => trend(h, f, interval)));
    })
    .get('/categories', validate('query', categoriesQuery), filtered, async (c) => {
      const { type } = c.req.valid('query');
      return c.json(await readFiltered(deps, c, (h, f) => categories(h, f, type)));
    })
    .get('/ranking', validate('query', rankingQuery), filtered, async (c) => {
      const { metric, level, order, limit } = c.req.valid('query');
      return c.json(await readFiltered(deps, c, (h, f) => ranking(h, f, settings, { metric, level, order, limit })));
    });
}
