import { Hono } from 'hono';
import { z } from 'zod';
import { isoWeek, isoWeekRange, shanghaiDate, addDays } from '../contract/calendar.ts';
import { makePeriod } from '../domain/period.ts';
import { briefing } from '../queries/briefing.ts';
import { RANKING_METRICS } from '../queries/ranking.ts';
import { read, requireTownship, scoped, type Deps } from './deps.ts';
import { townshipCode, validate } from './validation.ts';

const query = z
  .object({
    week: z.string().refine((w) => isoWeekRange(w) !== null, 'expected an ISO week like 2026-W47').optional(),
    township: townshipCode.optional(),
    metric: z.enum(RANKING_METRICS).default('disputeRate'),
  })
  .strict();

/** The weekly briefing's content for an ISO week (Monday-Sunday, Asia/Shanghai); default: last week. */
export function briefingRoutes(deps: Deps) {
  return new Hono().get('/', validate('query', query), async (c) => {
    const q = scoped(c, c.req.valid('query'));
    const now = deps.now();
    const week = q.week ?? isoWeek(addDays(shanghaiDate(now), -7));
    const range = isoWeekRange(week)!;
    const ctx = {
      period: makePeriod(range.from, range.to, now),
      requiredVisits: deps.config.COVERAGE_VISITS_PER_QUARTER,
      township: q.township ?? null,
      silenceDays: deps.config.SILENCE_WEEKS * 7,
    };
    return c.json(
      await read(deps, c, async (h) => {
        await requireTownship(h, q.township);
        return briefing(h, ctx, { week, metric: q.metric, now });
      }),
    );
  });
}
