import { Hono } from 'hono';
import { z } from 'zod';
import { alerts } from '../queries/alerts.ts';
import { metricContext, read, requireTownship, scoped, type Deps } from './deps.ts';
import { checkPeriod, periodFields, townshipCode, validate } from './validation.ts';

const query = z
  .object({ ...periodFields, township: townshipCode.optional() })
  .strict()
  .superRefine(checkPeriod);

/** Threshold alerts (rules from config) as of the end of the period; each names its rule. */
export function alertsRoutes(deps: Deps) {
  return new Hono().get('/', validate('query', query), async (c) => {
    const q = scoped(c, c.req.valid('query'));
    const ctx = metricContext(deps, q);
    const cfg = deps.config;
    return c.json(
      await read(deps, c, async (h) => {
        await requireTownship(h, q.township);
        return alerts(h, ctx, {
          villageDisputes7d: cfg.ALERT_VILLAGE_DISPUTES_7D,
          overdueSeverity: cfg.ALERT_OVERDUE_SEVERITY,
          townshipCoverageMin: cfg.ALERT_TOWNSHIP_COVERAGE_MIN,
        });
      }),
    );
  });
}
