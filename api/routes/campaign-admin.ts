import type { Context } from 'hono';
import { Hono } from 'hono';
import { z } from 'zod';
import { audit, clientIp } from '../audit.ts';
import { allow, principalOf } from '../auth/middleware.ts';
import { campaignChangeBody, newCampaignBody } from '../contract/campaign.ts';
import { campaignCode } from '../contract/case-filter.ts';
import { createCampaign, deleteCampaign, updateCampaign } from '../queries/campaigns.ts';
import type { Deps } from './deps.ts';
import { validate } from './validation.ts';

const COUNTY = { kind: 'county' } as const;
const codeParam = z.object({ code: campaignCode });
// untag=true: remove the campaign's tags from its cases with it (a mistaken campaign can go).
const deleteQuery = z.object({ untag: z.enum(['true', 'false']).optional() }).strict();

function who(c: Context) {
  const p = principalOf(c);
  return { actor: p.username, role: p.role, ip: clientIp(c) };
}

/**
 * Campaigns are edited by admins only; each change and the audit entry that records it (what it
 * was, what it became, how many cases the auto-tagging tagged) are one transaction.
 */
export function campaignAdminRoutes(deps: Deps) {
  return new Hono()
    .use('*', allow('admin'))
    .post('/', validate('json', newCampaignBody), async (c) => {
      const body = c.req.valid('json');
      const campaign = await deps.db.write(COUNTY, async (h) => {
        const made = await createCampaign(h, body, deps.now(), deps.config.CAMPAIGN_AUTOTAG_MAX);
        await audit(h, { ...who(c), action: 'campaign.create', target: `campaign:${body.code}`, detail: { campaign: made.campaign, tagged: made.tagged } });
        return made.campaign;
      });
      return c.json({ campaign }, 201);
    })
    .patch('/:code', validate('param', codeParam), validate('json', campaignChangeBody), async (c) => {
      const { code } = c.req.valid('param');
      const change = c.req.valid('json');
      const campaign = await deps.db.write(COUNTY, async (h) => {
        const done = await updateCampaign(h, code, change, deps.now(), deps.config.CAMPAIGN_AUTOTAG_MAX);
        await audit(h, { ...who(c), action: 'campaign.update', target: `campaign:${code}`, detail: { before: done.before, change, tagged: done.tagged } });
        return done.campaign;
      });
      return c.json({ campaign });
    })
    .delete('/:code', validate('param', codeParam), validate('query', deleteQuery), async (c) => {
      const { code } = c.req.valid('param');
      const untag = c.req.valid('query').untag === 'true';
      await deps.db.write(COUNTY, async (h) => {
        const gone = await deleteCampaign(h, code, deps.now(), untag, deps.config.CAMPAIGN_AUTOTAG_MAX);
        await audit(h, { ...who(c), action: 'campaign.delete', target: `campaign:${code}`, detail: gone });
      });
      return c.body(null, 204);
    });
}
