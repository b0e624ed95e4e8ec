import type { Campaign } from '../../api/types.ts';

/** Campaigns on the briefing's pages at most: one page each after the week's page. */
export const MAX_CAMPAIGN_PAGES = 3;

/**
 * The campaigns the briefing reports on: those running at any time in its week (by their dates,
 * so last week's briefing shows what ran last week even if it has ended since), in its scope (a
 * township's briefing: the county-wide campaigns and those naming the township), latest started
 * first.
 */
export function briefingCampaigns(campaigns: readonly Campaign[], week: { from: string; to: string }, township: string | null): Campaign[] {
  return campaigns
    .filter((c) => c.startDate <= week.to && c.endDate >= week.from)
    .filter((c) => township === null || c.townships === null || c.townships.includes(township))
    .sort((a, b) => b.startDate.localeCompare(a.startDate) || a.code.localeCompare(b.code))
    .slice(0, MAX_CAMPAIGN_PAGES);
}
