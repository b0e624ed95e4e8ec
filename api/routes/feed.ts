import { Hono } from 'hono';
import { z } from 'zod';
import { caseFilterFields, filterQuery } from '../contract/case-filter.ts';
import { caseFilter, readFiltered } from '../filter/middleware.ts';
import { feed } from '../queries/feed.ts';
import type { Deps } from './deps.ts';
import { instant } from './intake-common.ts';
import { validate } from './validation.ts';

// The ticker's window is `since` (an instant), not the filter's period.
const query = filterQuery({
  since: instant.optional(),
  ...caseFilterFields('township', 'campaign'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

/** The ticker: the latest receptions, reports and closures, newest first (default: the last 7 days). */
export function feedRoutes(deps: Deps) {
  return new Hono().get('/', validate('query', query), caseFilter(deps), async (c) => {
    const q = c.req.valid('query');
    const until = deps.now();
    const since = q.since ? new Date(q.since) : new Date(until.getTime() - 7 * 86400_000);
    const items = await readFiltered(deps, c, (h, f) => feed(h, f, { since, until, limit: q.limit }));
    return c.json({ since: since.toISOString(), until: until.toISOString(), items });
  });
}
