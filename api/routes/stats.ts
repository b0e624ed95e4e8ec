import { Hono } from 'hono';
import { z } from 'zod';
import { resolvePeriod } from '../domain/period.ts';
import { categories } from '../queries/categories.ts';
import { RANKING_METRICS, ranking } from '../queries/ranking.ts';
import { summary } from '../queries/summary.ts';
import { trend } from '../queries/trend.ts';
import { metricContext, read, requireTownship, scoped, type Deps } from './deps.ts';
import { checkPeriod, filterFields, periodFields, townshipCode, validate } from './validation.ts';

const summaryQuery = z
  .object({ ...periodFields, ...filterFields, township: townshipCode.optional() })
  .strict()
  .superRefine(checkPeriod);

const trendQuery = z
  .object({ ...periodFields, ...filterFields, township: townshipCode.optional(), interval: z.enum(['week', 'month']).default('week') })
  .strict()
  .superRefine(checkPeriod);

const rankingQuery = z
  .object({
    ...periodFields,
    ...filterFields,
    township: townshipCode.optional(),
    metric: z.enum(RANKING_METRICS).default('disputeRate'),
    level: z.enum(['township', 'village']).default('township'),
    order: z.enum(['asc', 'desc']).default('desc'),
    limit: z.coerce.number().int().min(1).max(491).default(491),
  })
  .strict()
  .superRefine(checkPeriod);

const categoriesQuery = z
  .object({ ...periodFields, ...filterFields, township: townshipCode.optional(), type: z.enum(['dispute', 'hazard']) })
  .strict()
  .superRefine(checkPeriod);

export function statsRoutes(deps: Deps) {
  return new Hono()
    .get('/summary', validate('query', summaryQuery), async (c) => {
      const q = scoped(c, c.req.valid('query'));
      const ctx = metricContext(deps, q);
      return c.json(
        await read(deps, c, async (h) => {
          await requireTownship(h, q.township);
          return summary(h, ctx, deps.now());
        }),
      );
    })
    .get('/trend', validate('query', trendQuery), async (c) => {
      const q = scoped(c, c.req.valid('query'));
      const period = resolvePeriod(q, deps.now());
      return c.json(
        await read(deps, c, async (h) => {
          await requireTownship(h, q.township);
          return trend(h, period, q.interval, { township: q.township ?? null, categories: q.category, statuses: q.status });
        }),
      );
    })
    .get('/categories', validate('query', categoriesQuery), async (c) => {
      const q = scoped(c, c.req.valid('query'));
      const period = resolvePeriod(q, deps.now());
      return c.json(
        await read(deps, c, async (h) => {
          await requireTownship(h, q.township);
          return categories(h, q.type, period, { township: q.township ?? null, categories: q.category, statuses: q.status });
        }),
      );
    })
    .get('/ranking', validate('query', rankingQuery), async (c) => {
      const q = scoped(c, c.req.valid('query'));
      const ctx = metricContext(deps, q);
      return c.json(
        await read(deps, c, async (h) => {
          await requireTownship(h, q.township);
          return ranking(h, ctx, q);
        }),
      );
    });
}
