import { Hono } from 'hono';
import { z } from 'zod';
import { addDays, isoWeek, isoWeekRange, shanghaiDate } from '../contract/calendar.ts';
import { caseFilterFields, filterQuery } from '../contract/case-filter.ts';
import { makePeriod } from '../domain/period.ts';
import { caseFilter, readFiltered } from '../filter/middleware.ts';
import { briefing } from '../queries/briefing.ts';
import { metricSettings } from '../queries/metric-rows.ts';
import { RANKING_METRICS } from '../queries/ranking.ts';
import type { Deps } from './deps.ts';
import { validate } from './validation.ts';

// The briefing's period is an ISO week (`week`), not `from`/`to`.
const query = filterQuery({
  week: z
    .string()
    .refine((w) => isoWeekRange(w) !== null, 'expected an ISO week like 2026-W47')
    .optional(),
  ...caseFilterFields('township'),
  metric: z.enum(RANKING_METRICS).default('disputeRate'),
});

/** The weekly briefing's content for an ISO week (Monday-Sunday, Asia/Shanghai); default: last week. */
export function briefingRoutes(deps: Deps) {
  const settings = metricSettings(deps.config);
  return new Hono().get('/', validate('query', query), caseFilter(deps), async (c) => {
    const q = c.req.valid('query');
    const now = deps.now();
    const week = q.week ?? isoWeek(addDays(shanghaiDate(now), -7));
    const range = isoWeekRange(week)!;
    const period = makePeriod(range.from, range.to, now);
    return c.json(await readFiltered(deps, c, (h, f) => briefing(h, { ...f, period }, settings, { week, metric: q.metric, now })));
  });
}
