import { queryOptions } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client.ts';
import type { DateRange } from '../period/presets.ts';
import type { EventKind } from '../url-state/view-state.ts';
import { aggregateKey, aggregateParams, type FilterView, type KindFilter } from '../filters/api-filters.ts';

/** Boundaries change only on an import: fetched once per session. */
export const basemapQuery = () =>
  queryOptions({
    queryKey: ['basemap'],
    queryFn: async () => unwrap(await api.api.basemap.$get({ query: {} })),
    staleTime: Infinity,
  });

export const townshipsQuery = (period: DateRange, filter?: FilterView) =>
  queryOptions({
    queryKey: ['townships', period.from, period.to, aggregateKey(filter)],
    queryFn: async () => unwrap(await api.api.townships.$get({ query: { from: period.from, to: period.to, ...aggregateParams(filter) } })),
  });

/** Villages of one township, or of the whole county when `township` is null. */
export const villagesQuery = (period: DateRange, township: string | null, filter?: FilterView) =>
  queryOptions({
    queryKey: ['villages', township ?? 'county', period.from, period.to, aggregateKey(filter)],
    queryFn: async () =>
      unwrap(
        await api.api.villages.$get({ query: { from: period.from, to: period.to, ...(township ? { township } : {}), ...aggregateParams(filter) } }),
      ),
  });

export interface EventsParams {
  kind: EventKind;
  period: DateRange;
  township: string | null;
  filter: KindFilter;
}

export const eventsQuery = ({ kind, period, township, filter }: EventsParams) =>
  queryOptions({
    // `excludesAll` is part of the key: otherwise "no disputes" would share the cache entry of
    // "all disputes" (both send no category).
    queryKey: ['events', kind, period.from, period.to, township ?? 'county', filter.excludesAll ? 'none' : 'some', filter.categories?.join(',') ?? '', filter.statuses?.join(',') ?? ''],
    queryFn: async () => {
      if (filter.excludesAll) return { cap: 0, count: 0, truncated: false, rows: [] };
      return unwrap(
        await api.api.events.$get({
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
    },
  });
