import { usePeriod } from '../period/usePeriod.ts';
import { useView } from '../url-state/ViewContext.tsx';
import { type CaseFilterQuery, caseFilterOf } from './case-filter.ts';

/**
 * The view's case filter (period, township, categories, statuses) as the API's query parameters,
 * or null until the period is known: every dashboard query takes it, so they all ask for the
 * same thing and share one cache entry per filter.
 */
export function useCaseFilter(): CaseFilterQuery | null {
  const { view } = useView();
  return caseFilterOf(usePeriod(), view);
}
