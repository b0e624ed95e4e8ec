import { queryOptions, skipToken } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client.ts';

/**
 * A campaign's effect (its own before/during/after windows, not the period filter's), for one
 * township or the whole of what the account sees of it.
 */
export const campaignEffectQuery = (code: string | null, township: string | null) =>
  queryOptions({
    queryKey: ['campaign-effect', code, township],
    queryFn: code ? async () => unwrap(await api.api.campaigns[':code'].effect.$get({ param: { code }, query: township ? { township } : {} })) : skipToken,
    staleTime: 60_000,
  });
