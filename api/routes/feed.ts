import { Hono } from 'hono';
import { z } from 'zod';
import { feed } from '../queries/feed.ts';
import { instant } from './intake-common.ts';
import { read, requireTownship, scoped, type Deps } from './deps.ts';
import { townshipCode, validate } from './validation.ts';

const query = z
  .object({
    since: instant.optional(),
    township: townshipCode.optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();

/** The ticker: the latest receptions, reports and closures, newest first (default: the last 7 days). */
export function feedRoutes(deps: Deps) {
  return new Hono().get('/', validate('query', query), async (c) => {
    const q = scoped(c, c.req.valid('query'));
    const until = deps.now();
    const since = q.since ? new Date(q.since) : new Date(until.getTime() - 7 * 86400_000);
    const items = await read(deps, c, async (h) => {
      await requireTownship(h, q.township);
      return feed(h, { since, until, township: q.township ?? null, limit: q.limit });
    });
    return c.json({ since: since.toISOString(), until: until.toISOString(), items });
  });
}
