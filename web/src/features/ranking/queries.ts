import { queryOptions, skipToken } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client.ts';
import type { RankingMetric } from '../../api/types.ts';
import type { CaseFilterQuery } from '../filters/case-filter.ts';

export interface RankingOptions {
  metric: RankingMetric;
  level: 'township' | 'village';
  order: 'asc' | 'desc';
}

export const rankingQuery = (filter: CaseFilterQuery | null, { metric, level, order }: RankingOptions) =>
  queryOptions({
    queryKey: ['ranking', { metric, level, order }, filter],
    queryFn: filter ? async () => unwrap(await api.api.stats.ranking.$get({ query: { ...filter, metric, level, order } })) : skipToken,
  });
