import { queryOptions, skipToken } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client.ts';
import { type CaseFilterQuery, periodAndCampaign } from '../filters/case-filter.ts';

/** One village's detail for the period and the campaign (the endpoint takes no other filter). */
export const villageDetailQuery = (code: string, filter: CaseFilterQuery | null) => {
  const query = filter && periodAndCampaign(filter);
  return queryOptions({
    queryKey: ['village', code, query],
    queryFn: query ? async () => unwrap(await api.api.villages[':code'].$get({ param: { code }, query })) : skipToken,
  });
};
