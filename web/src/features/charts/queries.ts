import { queryOptions } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client.ts';
import type { DateRange } from '../period/presets.ts';

export const trendQuery = (period: DateRange, township: string | null) =>
  queryOptions({
    queryKey: ['trend', 'week', period.from, period.to, township ?? 'county'],
    queryFn: async () =>
      unwrap(await api.api.stats.trend.$get({ query: { from: period.from, to: period.to, interval: 'week', ...(township ? { township } : {}) } })),
  });
