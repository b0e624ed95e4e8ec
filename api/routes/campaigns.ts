import { Hono } from 'hono';
import { listCampaigns } from '../queries/campaigns.ts';
import { type Deps, read } from './deps.ts';
import { noQuery, validate } from './validation.ts';

/**
 * Campaigns (专项行动) for every signed-in role, the wall included (definitions and aggregates
 * only): a chief or an officer sees the county-wide ones and those of their township.
 */
export function campaignsRoutes(deps: Deps) {
  return new Hono().get('/', validate('query', noQuery), async (c) => {
    const now = deps.now();
    return c.json({ campaigns: await read(deps, c, (h) => listCampaigns(h, now)) });
  });
}
