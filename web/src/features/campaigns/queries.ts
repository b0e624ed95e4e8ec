import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client.ts';
import type { Campaign } from '../../api/types.ts';

/**
 * The campaigns this account may see (a chief: the county's and their township's). Their
 * definitions change only when an admin edits one; a minute is fresh enough for a status turning
 * from planned to running.
 */
export const campaignsQuery = () =>
  queryOptions({
    queryKey: ['campaigns'],
    queryFn: async () => (await unwrap(await api.api.campaigns.$get({ query: {} }))).campaigns,
    staleTime: 60_000,
  });

/**
 * The view's campaign as the filter may send it: its code once the list says this account sees
 * it, null when it does not (a stale or foreign link: the API would refuse it, 400 or 403) or
 * when none is chosen, and undefined while the list is still loading, so no query asks with a
 * code that may be refused.
 */
export function campaignInFilter(code: string | null, campaigns: readonly Pick<Campaign, 'code'>[] | undefined, failed: boolean): string | null | undefined {
  if (code === null) return null;
  if (campaigns === undefined) return failed ? null : undefined;
  return campaigns.some((c) => c.code === code) ? code : null;
}

/** `campaignInFilter` for the view's code, and the campaign itself when it is one. */
export function useViewCampaign(code: string | null): { code: string | null | undefined; campaign: Campaign | null } {
  const list = useQuery({ ...campaignsQuery(), enabled: code !== null });
  const known = campaignInFilter(code, list.data, list.isError);
  return { code: known, campaign: (known && list.data?.find((c) => c.code === known)) || null };
}
