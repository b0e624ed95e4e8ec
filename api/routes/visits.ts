import { Hono } from 'hono';
import { z } from 'zod';
import { VISIT_KINDS } from '../contract/enums.ts';
import { createVisit } from '../queries/intake/visits.ts';
import { requireVillageInScope, scopeOf, type Deps } from './deps.ts';
import { auditIntake, mayWrite } from './intake-access.ts';
import { clientId, idempotencyKey, instant, lat, lng, pastInstant } from './intake-common.ts';
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
  .strict()
  .refine((b) => (b.lng === undefined) === (b.lat === undefined), { message: 'give both lng and lat, or neither', path: ['lng'] });

export function visitsRoutes(deps: Deps) {
  return new Hono().post('/', mayWrite, validate('json', createBody), async (c) => {
    const body = c.req.valid('json');
    requireVillageInScope(c, body.villageCode);
    const key = idempotencyKey(c, body.clientId, true)!;
    const visitedAt = pastInstant(deps, body.visitedAt, 'visitedAt');
    const { created, visit } = await deps.db.write(scopeOf(c), async (h) => {
      const out = await createVisit(h, { ...body, clientId: key, visitedAt });
      if (out.created) await auditIntake(c, h, 'intake.visit', out.visit.id, { clientId: key, villageCode: body.villageCode, officerId: body.officerId, kind: body.kind });
      return out;
    });
    return c.json(visit, created ? 201 : 200);
  });
}
