import type { CaseFilterQuery } from '../../api/types.ts';
import type { DateRange } from '../period/presets.ts';
import type { EventKind, ViewState } from '../url-state/view-state.ts';
import { filterFor } from './api-filters.ts';

export type { CaseFilterQuery };

/** The parts of a view that decide the case filter; no `campaign` is every case. */
export type CaseFilterView = Pick<ViewState, 'township' | 'categories' | 'statuses'> & Partial<Pick<ViewState, 'campaign'>>;

/** No scope, no category, status or campaign: the whole county, every case. */
export const WHOLE_COUNTY: CaseFilterView = { township: null, categories: [], statuses: [], campaign: null };

/**
 * The API's query parameters for a view's case filter, or null while the period is not known yet
 * (a query given null asks nothing: see `skipToken` in the query factories). Only the parameters
 * that say something are present, so "no township" and "all categories" are one cache entry each.
 */
export function caseFilterOf(period: DateRange | null, view: CaseFilterView): CaseFilterQuery | null {
  if (!period) return null;
  const query: CaseFilterQuery = { from: period.from, to: period.to };
  if (view.township) query.township = view.township;
  if (view.categories.length) query.category = view.categories.join(',');
  if (view.statuses.length) query.status = view.statuses.join(',');
  if (view.campaign) query.campaign = view.campaign;
  return query;
}

/** The period alone, for the endpoints that take nothing else (a village's detail). */
export function periodOf(filter: CaseFilterQuery): Pick<CaseFilterQuery, 'from' | 'to'> {
  return { from: filter.from, to: filter.to };
}

/** The period and the campaign, for one village's detail (its own scope; categories are narrowed in the browser). */
export function periodAndCampaign(filter: CaseFilterQuery): Pick<CaseFilterQuery, 'from' | 'to' | 'campaign'> {
  const query: Pick<CaseFilterQuery, 'from' | 'to' | 'campaign'> = periodOf(filter);
  if (filter.campaign) query.campaign = filter.campaign;
  return query;
}

/** The period and the scope, for the endpoints that count every case (coverage). */
export function periodAndScope(filter: CaseFilterQuery): Pick<CaseFilterQuery, 'from' | 'to' | 'township'> {
  const query: Pick<CaseFilterQuery, 'from' | 'to' | 'township'> = periodOf(filter);
  if (filter.township) query.township = filter.township;
  return query;
}

/** The filter without its scope, for the county-wide townships layer (which takes no township). */
export function countyWide(filter: CaseFilterQuery): Omit<CaseFilterQuery, 'township'> {
  const { township: _township, ...rest } = filter;
  return rest;
}

const listOf = (csv: string | undefined): string[] => (csv ? csv.split(',') : []);

export interface KindQuery {
  /** What to send for this kind (GET /api/events, /api/stats/categories). */
  query: CaseFilterQuery & { type: EventKind };
  /** True when the filter leaves nothing of this kind: answer empty without asking. */
  excludesAll: boolean;
}

/**
 * The filter as it applies to one kind of event, by the rule of `filterFor`: only the categories
 * and statuses of that kind are sent, and a list naming none of them (a hazard-only category list
 * asking for disputes) leaves no case of the kind rather than all of them.
 */
export function kindQuery(kind: EventKind, filter: CaseFilterQuery): KindQuery {
  const f = filterFor(kind, { categories: listOf(filter.category), statuses: listOf(filter.status) });
  // Everything else of the filter passes through unchanged, so a dimension added to the contract
  // reaches the events and categories queries without an edit here.
  const { category: _category, status: _status, ...rest } = filter;
  const query: KindQuery['query'] = { ...rest, type: kind };
  if (f.categories) query.category = f.categories.join(',');
  if (f.statuses) query.status = f.statuses.join(',');
  return { query, excludesAll: f.excludesAll };
}
