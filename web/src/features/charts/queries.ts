import { queryOptions, skipToken } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client.ts';
import type { CaseFilterQuery } from '../filters/case-filter.ts';

export const trendQuery = (filter: CaseFilterQuery | null) =>
  queryOptions({
    queryKey: ['trend', 'week', filter],
    queryFn: filter ? async () => unwrap(await api.api.stats.trend.$get({ query: { ...filter, interval: 'week' } })) : skipToken,
  });
