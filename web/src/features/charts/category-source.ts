import { queryOptions, skipToken } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client.ts';
import type { CategoryBreakdown } from '../../api/types.ts';
import { type CaseFilterQuery, kindQuery } from '../filters/case-filter.ts';
import type { EventKind } from '../url-state/view-state.ts';

export type { CategoryBreakdown };

/** Counts by category for the chart, from GET /api/stats/categories (every category present). */
export function categorySource(filter: CaseFilterQuery | null, kind: EventKind) {
  const k = filter && kindQuery(kind, filter);
  return queryOptions({
    // `excludesAll` is part of the key: "no disputes" and "all disputes" both send no category.
    queryKey: ['categories', k && { ...k.query, excludesAll: k.excludesAll }],
    queryFn: !k
      ? skipToken
      : k.excludesAll
        ? async (): Promise<CategoryBreakdown> => ({ type: kind, rows: [], total: 0 })
        : async () => unwrap(await api.api.stats.categories.$get({ query: k.query })),
  });
}
