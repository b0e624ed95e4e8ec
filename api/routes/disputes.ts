import { Hono } from 'hono';
import { z } from 'zod';
import { DISPUTE_CATEGORIES, DISPUTE_CHANNELS, DISPUTE_STATUSES } from '../domain/enums.ts';
import { createDispute, getDispute } from '../queries/intake/disputes.ts';
import { changeDisputeStatus } from '../queries/intake/status.ts';
import { read, scopeOf, type Deps } from './deps.ts';
import { clientId, idempotencyKey, instant, intakeBodyLimit, lat, lng, pastInstant, phone, text } from './intake-common.ts';
import { validate } from './validation.ts';

const disputeId = z.object({ id: z.string().regex(/^DS\d{7,}$/, 'expected a dispute id like DS0000123') });

const createBody = z.object({
  clientId: clientId.optional(),
  category: z.enum(DISPUTE_CATEGORIES),
  channel: z.enum(DISPUTE_CHANNELS),
  lng,
  lat,
  villageCode: z.string().regex(/^\d{12}$/, 'expected a 12-digit village code').optional(),
  receivedAt: instant.optional(),
  summary: text(2000).default(''),
  partyName: text(50).optional(),
  partyPhone: phone.optional(),
  mediator: text(50).optional(),
});

const statusBody = z.object({
  status: z.enum(DISPUTE_STATUSES),
  at: instant.optional(),
  note: text(500).optional(),
  clientId: clientId.optional(),
});

export function disputesRoutes(deps: Deps) {
  return new Hono()
    .post('/', intakeBodyLimit, validate('json', createBody), async (c) => {
      const body = c.req.valid('json');
      const key = idempotencyKey(c, body.clientId, true)!;
      const receivedAt = pastInstant(deps, body.receivedAt, 'receivedAt');
      const { created, dispute } = await deps.db.write(scopeOf(c), (h) => createDispute(h, { ...body, clientId: key, receivedAt }));
      return c.json(dispute, created ? 201 : 200);
    })
    .get('/:id', validate('param', disputeId), async (c) => c.json(await read(deps, c, (h) => getDispute(h, c.req.valid('param').id))))
    .patch('/:id', intakeBodyLimit, validate('param', disputeId), validate('json', statusBody), async (c) => {
      const { id } = c.req.valid('param');
      const body = c.req.valid('json');
      const key = idempotencyKey(c, body.clientId, false);
      const at = body.at === undefined ? undefined : pastInstant(deps, body.at, 'at');
      const dispute = await deps.db.write(scopeOf(c), async (h) => {
        await changeDisputeStatus(h, id, { ...body, at, clientId: key });
        return getDispute(h, id);
      });
      return c.json(dispute, 200);
    });
}
