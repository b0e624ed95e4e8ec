import { useQuery } from '@tanstack/react-query';
import { filterFor, hasFilters } from '../filters/api-filters.ts';
import { eventsQuery } from '../map/queries.ts';
import { usePeriod } from '../period/usePeriod.ts';
import { useView } from '../url-state/ViewContext.tsx';
import { trendQuery } from './queries.ts';
import { weeklyBuckets, type WeekBucket } from './weekly-buckets.ts';

export interface TrendState {
  buckets: WeekBucket[] | undefined;
  isPending: boolean;
  error: unknown;
  refetch: () => void;
  filtered: boolean;
}

/**
 * Weekly disputes and hazards of the scope. The API's trend cannot filter by category or status,
 * so with a filter on the weeks are counted from the (filtered) event rows instead.
 */
export function useTrend(): TrendState {
  const { view } = useView();
  const period = usePeriod() ?? { from: '', to: '' };
  const filtered = hasFilters(view);
  const ready = period.from !== '';
  const api = useQuery({ ...trendQuery(period, view.township), enabled: ready && !filtered });
  const disputes = useQuery({ ...eventsQuery({ kind: 'dispute', period, township: view.township, filter: filterFor('dispute', view) }), enabled: ready && filtered });
  const hazards = useQuery({ ...eventsQuery({ kind: 'hazard', period, township: view.township, filter: filterFor('hazard', view) }), enabled: ready && filtered });
  if (!filtered) {
    return { buckets: api.data?.buckets, isPending: api.isPending, error: api.error, refetch: () => void api.refetch(), filtered };
  }
  const both = disputes.data && hazards.data;
  return {
    buckets: both ? weeklyBuckets(period, disputes.data.rows, hazards.data.rows) : undefined,
    isPending: disputes.isPending || hazards.isPending,
    error: disputes.error ?? hazards.error,
    refetch: () => void Promise.all([disputes.refetch(), hazards.refetch()]),
    filtered,
  };
}
