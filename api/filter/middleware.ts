import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import { principalOf } from '../auth/middleware.ts';
import type { CaseFilterValues } from '../contract/case-filter.ts';
import type { Handle } from '../db/index.ts';
import type { Deps } from '../deps.ts';
import { requireCampaign } from '../queries/campaigns.ts';
import { read, requireTownship } from '../routes/deps.ts';
import { type CaseFilter, resolveFilter } from './case-filter.ts';

/** The Hono environment of a filtered route: handlers read `c.var.filter`. */
export interface FilterEnv {
  Variables: { filter: CaseFilter };
}

/**
 * Resolves the case filter once per request, after the route's `validate('query', ...)`: the
 * township scoped to the caller (403 `out_of_scope`, or a chief's own township when none was
 * asked), the period resolved at `deps.now()`. Handlers find it on `c.var.filter`.
 */
export function caseFilter(deps: Pick<Deps, 'now'>) {
  return createMiddleware<FilterEnv>(async (c, next) => {
    // Read untyped: the middleware serves every route's own extension of the filter's schema.
    const q = (c.req.valid as (target: 'query') => Partial<CaseFilterValues> | undefined)('query');
    if (!q) throw new Error(`caseFilter on ${c.req.path} runs before validate('query', ...)`);
    c.set('filter', resolveFilter(q, principalOf(c), deps.now()));
    await next();
  });
}

/**
 * Reads through the request's one handle with its filter; a township or a campaign that does not
 * exist is a 400 field error, and a campaign of other townships than the caller's a 403
 * `out_of_scope`, checked here in the same read-only transaction as the query.
 */
export function readFiltered<T>(deps: Deps, c: Context<FilterEnv>, fn: (h: Handle, filter: CaseFilter) => Promise<T>): Promise<T> {
  const filter = c.var.filter;
  return read(deps, c, async (h) => {
    await requireTownship(h, filter.township ?? undefined);
    if (filter.campaign !== null) await requireCampaign(h, filter.campaign, filter.now);
    return fn(h, filter);
  });
}
