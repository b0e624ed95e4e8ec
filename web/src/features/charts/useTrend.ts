import { useQuery } from '@tanstack/react-query';
import { hasFilters } from '../filters/api-filters.ts';
import { useCaseFilter } from '../filters/useCaseFilter.ts';
import { useView } from '../url-state/ViewContext.tsx';
import { trendQuery } from './queries.ts';
import type { WeekBucket } from './week-bucket.ts';

export interface TrendState {
  buckets: WeekBucket[] | undefined;
  isPending: boolean;
  error: unknown;
  refetch: () => void;
  filtered: boolean;
}

/** Weekly disputes and hazards of the scope, with the view's category and status filters applied by the API. */
export function useTrend(): TrendState {
  const { view } = useView();
  const trend = useQuery(trendQuery(useCaseFilter()));
  return { buckets: trend.data?.buckets, isPending: trend.isPending, error: trend.error, refetch: () => void trend.refetch(), filtered: hasFilters(view) };
}
