import { queryOptions, skipToken } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client.ts';
import type { Events } from '../../api/types.ts';
import { type CaseFilterQuery, countyWide, kindQuery } from '../filters/case-filter.ts';
import type { EventKind } from '../url-state/view-state.ts';

/** Boundaries change only on an import: fetched once per session. */
export const basemapQuery = () =>
  queryOptions({
    queryKey: ['basemap'],
    queryFn: async () => unwrap(await api.api.basemap.$get({ query: {} })),
    staleTime: Infinity,
  });

/** Every township of the county: the layer is county-wide whatever township the view is in. */
export const townshipsQuery = (filter: CaseFilterQuery | null) => {
  const query = filter && countyWide(filter);
  return queryOptions({
    queryKey: ['townships', query],
    queryFn: query ? async () => unwrap(await api.api.townships.$get({ query })) : skipToken,
  });
};

/**
 * Villages of the filter's township, or of the whole county when it names none; `silentOnly`: only
 * those silent at the filter's "as of" (the county's "no information" hatch needs no other).
 */
export const villagesQuery = (filter: CaseFilterQuery | null, silentOnly = false) =>
  queryOptions({
    queryKey: silentOnly ? ['villages', filter, 'silent'] : ['villages', filter],
    queryFn: filter ? async () => unwrap(await api.api.villages.$get({ query: silentOnly ? { ...filter, silent: 'true' } : filter })) : skipToken,
  });

const NO_EVENTS: Events = { cap: 0, count: 0, truncated: false, rows: [] };

/** The cases of one kind, by the per-kind rule of `kindQuery`. */
export const eventsQuery = (filter: CaseFilterQuery | null, kind: EventKind) => {
  const k = filter && kindQuery(kind, filter);
  return queryOptions({
    // `excludesAll` is part of the key: otherwise "no disputes" would share the cache entry of
    // "all disputes" (both send no category).
    queryKey: ['events', k && { ...k.query, excludesAll: k.excludesAll }],
    queryFn: !k ? skipToken : k.excludesAll ? async () => NO_EVENTS : async () => unwrap(await api.api.events.$get({ query: k.query })),
  });
};
