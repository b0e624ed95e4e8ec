import { queryOptions } from '@tanstack/react-query';
import { CATEGORIES_OF } from '../map/layers/event-layers.ts';
import { eventsQuery, type EventsParams } from '../map/queries.ts';
import type { EventKind } from '../url-state/view-state.ts';
import { countByCategory } from './weekly-buckets.ts';

export interface CategoryBreakdown {
  kind: EventKind;
  rows: { category: string; count: number }[];
  total: number;
  /** The counts rest on a capped list and may be short. */
  truncated: boolean;
}

/**
 * Where category counts come from. Today: counted in the browser from the event rows (shared with
 * the map's heatmap cache). A server-side GET /api/stats/categories would replace this one
 * function and nothing else.
 */
export type CategorySource = (params: EventsParams) => ReturnType<typeof categoriesFromEvents>;

export function categoriesFromEvents(params: EventsParams) {
  return queryOptions({
    ...eventsQuery(params),
    select: (answer): CategoryBreakdown => ({
      kind: params.kind,
      rows: countByCategory(answer.rows, CATEGORIES_OF[params.kind]),
      total: answer.count,
      truncated: answer.truncated,
    }),
  });
}

export const categorySource: CategorySource = categoriesFromEvents;
