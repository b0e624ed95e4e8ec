import { Hono } from 'hono';
import { z } from 'zod';
import { villageCode } from '../contract/case-filter.ts';
import { VISIT_KINDS } from '../contract/enums.ts';
import { createVisit } from '../queries/intake/visits.ts';
import type { Deps } from './deps.ts';
import { mayWrite } from './intake-access.ts';
import { clientId, crs, instant, inWgs84, lat, lng } from './intake-common.ts';
import { createFromRequest } from './intake-create.ts';
import { validate } from './validation.ts';

const createBody = z
  .object({
    clientId: clientId.optional(),
    officerId: z.string().regex(/^[A-Za-z0-9-]{2,20}$/, 'expected an officer id like OF0220'),
    villageCode,
    kind: z.enum(VISIT_KINDS),
    visitedAt: instant,
    lng: lng.optional(),
    lat: lat.optional(),
    crs,
  })
  .strict()
  .refine((b) => (b.lng === undefined) === (b.lat === undefined), { message: 'give both lng and lat, or neither', path: ['lng'] });

export function visitsRoutes(deps: Deps) {
  return new Hono().post('/', mayWrite, validate('json', createBody), async (c) => {
    const body = inWgs84(c.req.valid('json'));
    const { created, record } = await createFromRequest(deps, c, {
      villageCode: body.villageCode,
      clientId: body.clientId,
      time: { field: 'visitedAt', value: body.visitedAt },
      create: (h, key, visitedAt) => createVisit(h, { ...body, clientId: key, visitedAt }),
      action: 'intake.visit',
      detail: { officerId: body.officerId, kind: body.kind },
    });
    return c.json(record, created ? 201 : 200);
  });
}
