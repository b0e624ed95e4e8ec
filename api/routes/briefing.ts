import { Hono } from 'hono';
import { z } from 'zod';
import { addDays, isoWeek, isoWeekRange, shanghaiDate } from '../contract/calendar.ts';
import { caseFilterFields, filterQuery, MAX_DATE, MIN_DATE } from '../contract/case-filter.ts';
import { makePeriod, notStarted } from '../domain/period.ts';
import { UnprocessableError } from '../errors.ts';
import { caseFilter, readFiltered } from '../filter/middleware.ts';
import { briefing } from '../queries/briefing.ts';
import { metricSettings } from '../queries/metric-rows.ts';
import { RANKING_METRICS } from '../queries/ranking.ts';
import type { Deps } from './deps.ts';
import { validate } from './validation.ts';

/**
 * An ISO week whose seven days lie between MIN_DATE and MAX_DATE, as `from`/`to` must (2000-W01
 * to 2099-W52). A year outside is refused before any date arithmetic: far years (0100, 9999) have
 * no `YYYY-MM-DD` to compute with.
 */
const week = z.string().superRefine((w, ctx) => {
  const m = /^(\d{4})-W(\d{2})$/.exec(w);
  const year = Number(m?.[1]);
  const outside = () => ctx.addIssue({ code: 'custom', message: `expected a week whose days lie between ${MIN_DATE} and ${MAX_DATE}` });
  if (!m || Number(m[2]) < 1 || Number(m[2]) > 53) return ctx.addIssue({ code: 'custom', message: 'expected an ISO week like 2026-W47' });
  if (year < Number(MIN_DATE.slice(0, 4)) || year > Number(MAX_DATE.slice(0, 4))) return outside();
  const range = isoWeekRange(w);
  if (!range) return ctx.addIssue({ code: 'custom', message: 'expected an ISO week like 2026-W47' });
  if (range.from < MIN_DATE || range.to > MAX_DATE) outside();
});

// The briefing's period is an ISO week (`week`), not `from`/`to`.
const query = filterQuery({
  week: week.optional(),
  ...caseFilterFields('township', 'campaign'),
  metric: z.enum(RANKING_METRICS).default('disputeRate'),
});

/**
 * The weekly briefing's content for an ISO week (Monday-Sunday, Asia/Shanghai); default: last week.
 * 422 `week_not_started` for a week after the current one.
 */
export function briefingRoutes(deps: Deps) {
  const settings = metricSettings(deps.config);
  return new Hono().get('/', validate('query', query), caseFilter(deps), async (c) => {
    const q = c.req.valid('query');
    const now = deps.now();
    const week = q.week ?? isoWeek(addDays(shanghaiDate(now), -7));
    const range = isoWeekRange(week)!;
    const period = makePeriod(range.from, range.to, now);
    // A week that has not started has no briefing: refused, not answered with zeros. A running week is
    // answered with `partial: true` and its `asOf`, compared with the same days of last week.
    if (notStarted(period, now)) {
      const today = shanghaiDate(now);
      throw new UnprocessableError('week_not_started', `week ${week} starts on ${range.from}, after today (${today}, Asia/Shanghai)`, {
        week: `${week} has not started yet (it starts on ${range.from}; the current week is ${isoWeek(today)})`,
      });
    }
    // the running week's coverage is today's (migration 015); a past week's reads the rollups
    deps.coverageBase?.wantSummary(period.ref);
    return c.json(await readFiltered(deps, c, (h, f) => briefing(h, { ...f, period }, settings, { week, metric: q.metric, now })));
  });
}
