import { Hono } from 'hono';
import { z } from 'zod';
import { VISIT_KINDS } from '../domain/enums.ts';
import { createVisit } from '../queries/intake/visits.ts';
import { scopeOf, type Deps } from './deps.ts';
import { clientId, idempotencyKey, instant, intakeBodyLimit, lat, lng, pastInstant } from './intake-common.ts';
import { validate } from './validation.ts';

const createBody = z
  .object({
    clientId: clientId.optional(),
    officerId: z.string().regex(/^[A-Za-z0-9-]{2,20}$/, 'expected an officer id like OF0220'),
    villageCode: z.string().regex(/^\d{12}$/, 'expected a 12-digit village code'),
    kind: z.enum(VISIT_KINDS),
    visitedAt: instant,
    lng: lng.optional(),
    lat: lat.optional(),
  })
  .refine((b) => (b.lng === undefined) === (b.lat === undefined), { message: 'give both lng and lat, or neither', path: ['lng'] });

export function visitsRoutes(deps: Deps) {
  return new Hono().post('/', intakeBodyLimit, validate('json', createBody), async (c) => {
    const body = c.req.valid('json');
    const key = idempotencyKey(c, body.clientId, true)!;
    const visitedAt = pastInstant(deps, body.visitedAt, 'visitedAt');
    const { created, visit } = await deps.db.write(scopeOf(c), (h) => createVisit(h, { ...body, clientId: key, visitedAt }));
    return c.json(visit, created ? 201 : 200);
  });
}
