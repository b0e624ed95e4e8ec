import { Hono } from 'hono';
import { z } from 'zod';
import { HAZARD_CATEGORIES, HAZARD_STATUSES } from '../domain/enums.ts';
import { createHazard, getHazard } from '../queries/intake/hazards.ts';
import { changeHazardStatus } from '../queries/intake/status.ts';
import { read, scopeOf, type Deps } from './deps.ts';
import { clientId, idempotencyKey, instant, intakeBodyLimit, lat, lng, pastInstant, phone, text } from './intake-common.ts';
import { validate } from './validation.ts';

const hazardId = z.object({ id: z.string().regex(/^HZ\d{7,}$/, 'expected a hazard id like HZ0000123') });

const createBody = z.object({
  clientId: clientId.optional(),
  category: z.enum(HAZARD_CATEGORIES),
  severity: z.number().int().min(1, 'severity is 1-4').max(4, 'severity is 1-4'),
  lng,
  lat,
  villageCode: z.string().regex(/^\d{12}$/, 'expected a 12-digit village code').optional(),
  reportedAt: instant.optional(),
  description: text(2000).default(''),
  reporterName: text(50).optional(),
  reporterPhone: phone.optional(),
});

const statusBody = z.object({
  status: z.enum(HAZARD_STATUSES),
  at: instant.optional(),
  note: text(500).optional(),
  clientId: clientId.optional(),
});

export function hazardsRoutes(deps: Deps) {
  return new Hono()
    .post('/', intakeBodyLimit, validate('json', createBody), async (c) => {
      const body = c.req.valid('json');
      const key = idempotencyKey(c, body.clientId, true)!;
      const reportedAt = pastInstant(deps, body.reportedAt, 'reportedAt');
      const { created, hazard } = await deps.db.write(scopeOf(c), (h) =>
        createHazard(h, { ...body, severity: body.severity as 1 | 2 | 3 | 4, clientId: key, reportedAt }),
      );
      return c.json(hazard, created ? 201 : 200);
    })
    .get('/:id', validate('param', hazardId), async (c) => c.json(await read(deps, c, (h) => getHazard(h, c.req.valid('param').id))))
    .patch('/:id', intakeBodyLimit, validate('param', hazardId), validate('json', statusBody), async (c) => {
      const { id } = c.req.valid('param');
      const body = c.req.valid('json');
      const key = idempotencyKey(c, body.clientId, false);
      const at = body.at === undefined ? undefined : pastInstant(deps, body.at, 'at');
      const hazard = await deps.db.write(scopeOf(c), async (h) => {
        await changeHazardStatus(h, id, { ...body, at, clientId: key });
        return getHazard(h, id);
      });
      return c.json(hazard, 200);
    });
}
