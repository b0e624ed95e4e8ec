import { useViewCampaign } from '../campaigns/queries.ts';
import { usePeriod } from '../period/usePeriod.ts';
import { useView } from '../url-state/ViewContext.tsx';
import { type CaseFilterQuery, caseFilterOf } from './case-filter.ts';

/**
 * The view's case filter (period, township, categories, statuses, campaign) as the API's query
 * parameters, or null until the period is known (and, for a campaign in the view, until the list of
 * campaigns says whether this account may ask for it): every dashboard query takes it, so they all
 * ask for the same thing and share one cache entry per filter.
 */
export function useCaseFilter(): CaseFilterQuery | null {
  const { view } = useView();
  const period = usePeriod();
  const campaign = useViewCampaign(view.campaign).code;
  if (campaign === undefined) return null;
  return caseFilterOf(period, { ...view, campaign });
}
