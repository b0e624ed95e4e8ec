import { queryOptions, skipToken } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client.ts';
import type { CaseFilterQuery } from '../filters/case-filter.ts';

export const summaryQuery = (filter: CaseFilterQuery | null) =>
  queryOptions({
    queryKey: ['summary', filter],
    queryFn: filter ? async () => unwrap(await api.api.stats.summary.$get({ query: filter })) : skipToken,
  });
