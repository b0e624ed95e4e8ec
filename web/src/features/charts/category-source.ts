import { queryOptions } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client.ts';
import type { KindFilter } from '../filters/api-filters.ts';
import type { DateRange } from '../period/presets.ts';
import type { EventKind } from '../url-state/view-state.ts';

export interface CategoryBreakdown {
  kind: EventKind;
  rows: { category: string; count: number }[];
  total: number;
}

export interface CategoryParams {
  kind: EventKind;
  period: DateRange;
  township: string | null;
  filter: KindFilter;
}

/** Counts by category for the chart, from GET /api/stats/categories (every category present). */
export function categorySource({ kind, period, township, filter }: CategoryParams) {
  return queryOptions({
    queryKey: ['categories', kind, period.from, period.to, township ?? 'county', filter.excludesAll ? 'none' : 'some', filter.categories?.join(',') ?? '', filter.statuses?.join(',') ?? ''],
    queryFn: async (): Promise<CategoryBreakdown> => {
      if (filter.excludesAll) return { kind, rows: [], total: 0 };
      const answer = await unwrap(
        await api.api.stats.categories.$get({
          query: {
            type: kind,
            from: period.from,
            to: period.to,
            ...(township ? { township } : {}),
            ...(filter.categories ? { category: filter.categories.join(',') } : {}),
            ...(filter.statuses ? { status: filter.statuses.join(',') } : {}),
          },
        }),
      );
      return { kind, rows: answer.rows, total: answer.total };
    },
  });
}
