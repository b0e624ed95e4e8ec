import { Hono } from 'hono';
import { z } from 'zod';
import { campaignCode, caseFilterFields, filterQuery } from '../contract/case-filter.ts';
import { caseFilter, readFiltered } from '../filter/middleware.ts';
import { campaignEffect } from '../queries/campaign-effect.ts';
import { listCampaigns, requireCampaign } from '../queries/campaigns.ts';
import { type Deps, read } from './deps.ts';
import { noQuery, validate } from './validation.ts';

const codeParam = z.object({ code: campaignCode });
// The effect's windows come from the campaign itself: of the filter it takes the township only.
const effectQuery = filterQuery(caseFilterFields('township'));

/**
 * Campaigns (专项行动) for every signed-in role, the wall included (definitions and aggregates
 * only): a chief or an officer sees the county-wide ones and those of their township, and the
 * effect in their own township (403 `out_of_scope` for another's campaign or township).
 */
export function campaignsRoutes(deps: Deps) {
  const settings = { smallCount: deps.config.CAMPAIGN_SMALL_COUNT, minCases: deps.config.CAMPAIGN_MIN_CASES };
  return new Hono()
    .get('/', validate('query', noQuery), async (c) => {
      const now = deps.now();
      return c.json({ campaigns: await read(deps, c, (h) => listCampaigns(h, now)) });
    })
    .get('/:code/effect', validate('param', codeParam), validate('query', effectQuery), caseFilter(deps), async (c) => {
      const { code } = c.req.valid('param');
      return c.json(
        await readFiltered(deps, c, async (h, f) => {
          const campaign = await requireCampaign(h, code, f.now, null);
          return campaignEffect(h, campaign, f.township, f.now, settings);
        }),
      );
    });
}
