import { queryOptions } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client.ts';
import { aggregateKey, aggregateParams, type FilterView } from '../filters/api-filters.ts';
import type { DateRange } from '../period/presets.ts';

export const summaryQuery = (period: DateRange, township: string | null, filter?: FilterView) =>
  queryOptions({
    queryKey: ['summary', period.from, period.to, township ?? 'county', aggregateKey(filter)],
    queryFn: async () =>
      unwrap(
        await api.api.stats.summary.$get({ query: { from: period.from, to: period.to, ...(township ? { township } : {}), ...aggregateParams(filter) } }),
      ),
  });
