import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { hasFilters } from '../filters/api-filters.ts';
import { useCaseFilter } from '../filters/useCaseFilter.ts';
import { useView } from '../url-state/ViewContext.tsx';
import { trendQuery } from './queries.ts';
import { type TrendWindow, trendWindow } from './trend-window.ts';
import type { WeekBucket } from './week-bucket.ts';

export interface TrendState {
  buckets: WeekBucket[] | undefined;
  isPending: boolean;
  error: unknown;
  /** A retry's failure before TanStack Query gives up (`error` is set only then). */
  failureReason: unknown;
  /** When the oldest of the answers drawn arrived (0 before any). */
  dataUpdatedAt: number;
  refetch: () => void;
  filtered: boolean;
  /** The dates asked for: the period, or a short period with the weeks before it (`selected` set). */
  window: TrendWindow | null;
}

/**
 * Weekly disputes and hazards of the scope, with the view's category and status filters applied by
 * the API. A period shorter than CONTEXT_WEEKS is shown with the weeks before it (a second request
 * for those days), so 本周 or 上周 shows where the week stands instead of one point.
 */
export function useTrend(): TrendState {
  const { view } = useView();
  const filter = useCaseFilter();
  const span = useMemo(() => (filter ? trendWindow(filter) : null), [filter]);
  const before = useMemo(() => (filter && span?.context ? { ...filter, ...span.context } : null), [filter, span]);
  const trend = useQuery(trendQuery(filter));
  const context = useQuery(trendQuery(before));
  const withContext = before !== null;
  const buckets = trend.data && (!withContext || context.data) ? [...(withContext ? context.data!.buckets : []), ...trend.data.buckets] : undefined;
  return {
    buckets,
    isPending: trend.isPending || (withContext && context.isPending),
    error: trend.error ?? (withContext ? context.error : null),
    failureReason: trend.failureReason ?? (withContext ? context.failureReason : null),
    dataUpdatedAt: withContext ? Math.min(trend.dataUpdatedAt, context.dataUpdatedAt) : trend.dataUpdatedAt,
    refetch: () => {
      void trend.refetch();
      if (withContext) void context.refetch();
    },
    filtered: hasFilters(view),
    window: span,
  };
}
