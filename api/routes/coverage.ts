import { Hono } from 'hono';
import { z } from 'zod';
import { coverage } from '../queries/coverage.ts';
import { metricContext, read, requireTownship, scoped, type Deps } from './deps.ts';
import { checkPeriod, periodFields, townshipCode, validate } from './validation.ts';

const query = z
  .object({ ...periodFields, township: townshipCode.optional(), all: z.enum(['true', 'false']).default('false') })
  .strict()
  .superRefine(checkPeriod);

export function coverageRoutes(deps: Deps) {
  return new Hono().get('/', validate('query', query), async (c) => {
    const q = scoped(c, c.req.valid('query'));
    const ctx = metricContext(deps, q);
    return c.json(
      await read(deps, c, async (h) => {
        await requireTownship(h, q.township);
        return coverage(h, ctx, { all: q.all === 'true' });
      }),
    );
  });
}
