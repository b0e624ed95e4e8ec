import { queryOptions } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client.ts';
import type { RankingMetric } from '../../api/types.ts';
import { aggregateKey, aggregateParams, type FilterView } from '../filters/api-filters.ts';
import type { DateRange } from '../period/presets.ts';

export interface RankingParams {
  metric: RankingMetric;
  level: 'township' | 'village';
  township: string | null;
  order: 'asc' | 'desc';
  period: DateRange;
  filter?: FilterView;
}

export const rankingQuery = ({ metric, level, township, order, period, filter }: RankingParams) =>
  queryOptions({
    queryKey: ['ranking', metric, level, township ?? 'county', order, period.from, period.to, aggregateKey(filter)],
    queryFn: async () =>
      unwrap(
        await api.api.stats.ranking.$get({
          query: { metric, level, order, from: period.from, to: period.to, ...(township ? { township } : {}), ...aggregateParams(filter) },
        }),
      ),
  });
