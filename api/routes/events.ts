import { Hono } from 'hono';
import { z } from 'zod';
import { caseFilterShape, csvOf, filterQuery } from '../contract/case-filter.ts';
import { EVENT_TYPES } from '../contract/enums.ts';
import { caseFilter, readFiltered } from '../filter/middleware.ts';
import { events } from '../queries/events.ts';
import type { Deps } from './deps.ts';
import { validate } from './validation.ts';

/** minLng,minLat,maxLng,maxLat in WGS84, not inverted, at most 10 degrees a side. */
const bbox = z.string().transform((s, ctx) => {
  const parts = s.split(',').map((x) => (x.trim() === '' ? NaN : Number(x)));
  if (parts.length !== 4 || parts.some((n) => !Number.isFinite(n))) {
    ctx.addIssue({ code: 'custom', message: 'expected minLng,minLat,maxLng,maxLat' });
    return z.NEVER;
  }
  const [a, b, c, d] = parts as [number, number, number, number];
  if (a < -180 || c > 180 || b < -90 || d > 90) ctx.addIssue({ code: 'custom', message: 'bbox outside lon/lat range' });
  else if (a >= c || b >= d) ctx.addIssue({ code: 'custom', message: 'bbox is inverted or empty (min must be below max)' });
  else if (c - a > 10 || d - b > 10) ctx.addIssue({ code: 'custom', message: 'bbox larger than 10 degrees a side' });
  return [a, b, c, d] as const;
});

const query = filterQuery({
  ...caseFilterShape,
  type: csvOf(EVENT_TYPES).optional(),
  bbox: bbox.optional(),
  limit: z.coerce.number().int().min(1).optional(),
});

export function eventsRoutes(deps: Deps) {
  return new Hono().get('/', validate('query', query), caseFilter(deps), async (c) => {
    const q = c.req.valid('query');
    const cap = Math.min(q.limit ?? deps.config.EVENTS_CAP, deps.config.EVENTS_CAP);
    return c.json(await readFiltered(deps, c, (h, f) => events(h, f, { types: q.type ?? EVENT_TYPES, bbox: q.bbox ?? null, cap })));
  });
}
