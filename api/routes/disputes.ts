import { Hono } from 'hono';
import { z } from 'zod';
import { campaignTags } from '../contract/campaign.ts';
import { villageCode } from '../contract/case-filter.ts';
import { DISPUTE_CATEGORIES, DISPUTE_CHANNELS, DISPUTE_STATUSES } from '../contract/enums.ts';
import type { Handle } from '../db/index.ts';
import { requireCampaigns, tagCase } from '../queries/campaigns.ts';
import { createDispute, findDispute, getDispute } from '../queries/intake/disputes.ts';
import { changeDisputeStatus } from '../queries/intake/status.ts';
import { type Deps, notFoundOrOutOfScope, read, scopeOf } from './deps.ts';
import { auditIntake, disputeFor, mayReadOne, mayWrite } from './intake-access.ts';
import { clientId, crs, idempotencyKey, instant, inWgs84, lat, lng, pastInstant, phone, text } from './intake-common.ts';
import { createFromRequest } from './intake-create.ts';
import { validate } from './validation.ts';

const disputeId = z.object({ id: z.string().regex(/^DS\d{7,}$/, 'expected a dispute id like DS0000123') });

const createBody = z
  .object({
    clientId: clientId.optional(),
    category: z.enum(DISPUTE_CATEGORIES),
    channel: z.enum(DISPUTE_CHANNELS),
    lng,
    lat,
    crs,
    villageCode: villageCode.optional(),
    receivedAt: instant.optional(),
    summary: text(2000).default(''),
    partyName: text(50).optional(),
    partyPhone: phone.optional(),
    mediator: text(50).optional(),
    campaigns: campaignTags.optional(),
  })
  .strict();

const statusBody = z
  .object({
    status: z.enum(DISPUTE_STATUSES),
    at: instant.optional(),
    note: text(500).optional(),
    clientId: clientId.optional(),
    /** Campaign codes to add (tags are never removed here). */
    campaigns: campaignTags.optional(),
  })
  .strict();

/** The dispute if the caller may see it; 403 if it is another township's, 404 if there is none. */
async function visible(h: Handle, id: string) {
  return (await findDispute(h, id)) ?? notFoundOrOutOfScope(h, 'dispute', id);
}

export function disputesRoutes(deps: Deps) {
  return new Hono()
    .post('/', mayWrite, validate('json', createBody), async (c) => {
      const body = inWgs84(c.req.valid('json'));
      const { created, record } = await createFromRequest(deps, c, {
        villageCode: body.villageCode,
        clientId: body.clientId,
        time: { field: 'receivedAt', value: body.receivedAt },
        create: async (h, key, receivedAt) => {
          await requireCampaigns(h, body.campaigns ?? [], deps.now());
          return createDispute(h, { ...body, clientId: key, receivedAt, receivedAtStated: body.receivedAt !== undefined });
        },
        action: 'intake.dispute',
        detail: { category: body.category, campaigns: body.campaigns ?? [] },
      });
      return c.json(disputeFor(c, record), created ? 201 : 200);
    })
    .get('/:id', mayReadOne, validate('param', disputeId), async (c) => c.json(disputeFor(c, await read(deps, c, (h) => visible(h, c.req.valid('param').id)))))
    .patch('/:id', mayWrite, validate('param', disputeId), validate('json', statusBody), async (c) => {
      const { id } = c.req.valid('param');
      const body = c.req.valid('json');
      const key = idempotencyKey(c, body.clientId, false);
      const at = body.at === undefined ? undefined : pastInstant(deps, body.at, 'at');
      const dispute = await deps.db.write(scopeOf(c), async (h) => {
        const before = await visible(h, id);
        await changeDisputeStatus(h, id, { ...body, at, clientId: key });
        await tagCase(h, 'dispute', id, body.campaigns ?? [], deps.now());
        const after = await getDispute(h, id);
        const tagged = after.campaigns.filter((x) => !before.campaigns.includes(x));
        if (after.status !== before.status || tagged.length > 0)
          await auditIntake(c, h, 'status.dispute', id, { from: before.status, to: after.status, clientId: key ?? null, campaigns: tagged });
        return after;
      });
      return c.json(disputeFor(c, dispute), 200);
    });
}
