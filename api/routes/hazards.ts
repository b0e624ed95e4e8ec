import { Hono } from 'hono';
import { z } from 'zod';
import { campaignTags } from '../contract/campaign.ts';
import { villageCode } from '../contract/case-filter.ts';
import { HAZARD_CATEGORIES, HAZARD_STATUSES } from '../contract/enums.ts';
import type { Handle } from '../db/index.ts';
import { requireCampaigns, tagCase } from '../queries/campaigns.ts';
import { createHazard, findHazard, getHazard } from '../queries/intake/hazards.ts';
import { changeHazardStatus } from '../queries/intake/status.ts';
import { type Deps, notFoundOrOutOfScope, read, scopeOf } from './deps.ts';
import { auditIntake, hazardFor, mayReadOne, mayWrite } from './intake-access.ts';
import { clientId, crs, idempotencyKey, instant, inWgs84, lat, lng, pastInstant, phone, text } from './intake-common.ts';
import { createFromRequest } from './intake-create.ts';
import { validate } from './validation.ts';

const hazardId = z.object({ id: z.string().regex(/^HZ\d{7,}$/, 'expected a hazard id like HZ0000123') });

const createBody = z
  .object({
    clientId: clientId.optional(),
    category: z.enum(HAZARD_CATEGORIES),
    severity: z.number().int().min(1, 'severity is 1-4').max(4, 'severity is 1-4'),
    lng,
    lat,
    crs,
    villageCode: villageCode.optional(),
    reportedAt: instant.optional(),
    description: text(2000).default(''),
    reporterName: text(50).optional(),
    reporterPhone: phone.optional(),
    campaigns: campaignTags.optional(),
  })
  .strict();

const statusBody = z
  .object({
    status: z.enum(HAZARD_STATUSES),
    at: instant.optional(),
    note: text(500).optional(),
    clientId: clientId.optional(),
    /** Campaign codes to add (tags are never removed here). */
    campaigns: campaignTags.optional(),
  })
  .strict();

/** The hazard if the caller may see it; 403 if it is another township's, 404 if there is none. */
async function visible(h: Handle, id: string) {
  return (await findHazard(h, id)) ?? notFoundOrOutOfScope(h, 'hazard', id);
}

export function hazardsRoutes(deps: Deps) {
  return new Hono()
    .post('/', mayWrite, validate('json', createBody), async (c) => {
      const body = inWgs84(c.req.valid('json'));
      const { created, record } = await createFromRequest(deps, c, {
        villageCode: body.villageCode,
        clientId: body.clientId,
        time: { field: 'reportedAt', value: body.reportedAt },
        create: async (h, key, reportedAt) => {
          await requireCampaigns(h, body.campaigns ?? [], deps.now());
          return createHazard(h, { ...body, severity: body.severity as 1 | 2 | 3 | 4, clientId: key, reportedAt, reportedAtStated: body.reportedAt !== undefined });
        },
        action: 'intake.hazard',
        detail: { category: body.category, severity: body.severity, campaigns: body.campaigns ?? [] },
      });
      return c.json(hazardFor(c, record), created ? 201 : 200);
    })
    .get('/:id', mayReadOne, validate('param', hazardId), async (c) => c.json(hazardFor(c, await read(deps, c, (h) => visible(h, c.req.valid('param').id)))))
    .patch('/:id', mayWrite, validate('param', hazardId), validate('json', statusBody), async (c) => {
      const { id } = c.req.valid('param');
      const body = c.req.valid('json');
      const key = idempotencyKey(c, body.clientId, false);
      const at = body.at === undefined ? undefined : pastInstant(deps, body.at, 'at');
      const hazard = await deps.db.write(scopeOf(c), async (h) => {
        const before = await visible(h, id);
        await changeHazardStatus(h, id, { ...body, at, clientId: key });
        await tagCase(h, 'hazard', id, body.campaigns ?? [], deps.now());
        const after = await getHazard(h, id);
        const tagged = after.campaigns.filter((x) => !before.campaigns.includes(x));
        if (after.status !== before.status || tagged.length > 0)
          await auditIntake(c, h, 'status.hazard', id, { from: before.status, to: after.status, clientId: key ?? null, campaigns: tagged });
        return after;
      });
      return c.json(hazardFor(c, hazard), 200);
    });
}
