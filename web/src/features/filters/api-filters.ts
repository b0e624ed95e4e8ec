import { DISPUTE_CATEGORIES, DISPUTE_STATUSES, HAZARD_CATEGORIES, HAZARD_STATUSES } from '../../../../api/contract/enums.ts';
import type { EventKind, ViewState } from '../url-state/view-state.ts';

export { DISPUTE_CATEGORIES, DISPUTE_STATUSES, HAZARD_CATEGORIES, HAZARD_STATUSES };

const CATEGORIES: Record<EventKind, readonly string[]> = { dispute: DISPUTE_CATEGORIES, hazard: HAZARD_CATEGORIES };
const STATUSES: Record<EventKind, readonly string[]> = { dispute: DISPUTE_STATUSES, hazard: HAZARD_STATUSES };

export interface KindFilter {
  /** Values to send, or undefined for "all". */
  categories: string[] | undefined;
  statuses: string[] | undefined;
  /** True when the filter leaves nothing of this kind (e.g. only hazard categories chosen, asking for disputes). */
  excludesAll: boolean;
}

/**
 * The view's category/status filter as it applies to one kind of event. A filter naming only
 * hazard categories says nothing about disputes' categories... but it does say "show me these
 * categories", so disputes are excluded entirely rather than shown unfiltered.
 */
export function filterFor(kind: EventKind, v: Pick<ViewState, 'categories' | 'statuses'>): KindFilter {
  const cats = v.categories.filter((c) => CATEGORIES[kind].includes(c));
  const sts = v.statuses.filter((s) => STATUSES[kind].includes(s));
  const excludesAll = (v.categories.length > 0 && cats.length === 0) || (v.statuses.length > 0 && sts.length === 0);
  return { categories: cats.length ? cats : undefined, statuses: sts.length ? sts : undefined, excludesAll };
}

export function hasFilters(v: Pick<ViewState, 'categories' | 'statuses'>): boolean {
  return v.categories.length > 0 || v.statuses.length > 0;
}

/** Does one record pass the filter? (for lists the API returns unfiltered) */
export function passes(kind: EventKind, v: Pick<ViewState, 'categories' | 'statuses'>, row: { category: string; status: string | null }): boolean {
  const f = filterFor(kind, v);
  if (f.excludesAll) return false;
  if (f.categories && !f.categories.includes(row.category)) return false;
  if (f.statuses && (row.status === null || !f.statuses.includes(row.status))) return false;
  return true;
}
