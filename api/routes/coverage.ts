import { Hono } from 'hono';
import { z } from 'zod';
import { caseFilterFields, filterQuery } from '../contract/case-filter.ts';
import { caseFilter, readFiltered } from '../filter/middleware.ts';
import { coverage } from '../queries/coverage.ts';
import { metricSettings } from '../queries/metric-rows.ts';
import type { Deps } from './deps.ts';
import { validate } from './validation.ts';

// Coverage counts villages and visits, whatever the cases' categories and statuses.
const query = filterQuery({ ...caseFilterFields('from', 'to', 'township'), all: z.enum(['true', 'false']).default('false') });

export function coverageRoutes(deps: Deps) {
  const settings = metricSettings(deps.config);
  return new Hono().get('/', validate('query', query), caseFilter(deps), async (c) => {
    const all = c.req.valid('query').all === 'true';
    return c.json(await readFiltered(deps, c, (h, f) => coverage(h, f, settings, { all })));
  });
}
