import type { Campaign } from '../../api/types.ts';
import type { MapMetric, ViewState } from '../url-state/view-state.ts';

const DISPUTE_METRICS: readonly MapMetric[] = ['disputeRate', 'mediationSuccessRate'];
const HAZARD_METRICS: readonly MapMetric[] = ['hazardsOpen', 'hazardsOverdue'];

/**
 * The view change for choosing a campaign: its code, and, when the campaign targets only one kind
 * of case while the map and the category chart show the other, that kind instead (净网 targets
 * hazards only: a dispute map of it is one empty colour). Coverage is about visits and stays.
 */
export function campaignChoice(campaign: Pick<Campaign, 'code' | 'disputeCategories' | 'hazardCategories'> | null, view: Pick<ViewState, 'metric' | 'events'>): Partial<ViewState> {
  if (!campaign) return { campaign: null };
  const onlyHazards = campaign.disputeCategories.length === 0 && campaign.hazardCategories.length > 0;
  const onlyDisputes = campaign.hazardCategories.length === 0 && campaign.disputeCategories.length > 0;
  const patch: Partial<ViewState> = { campaign: campaign.code };
  if (onlyHazards) {
    if (DISPUTE_METRICS.includes(view.metric)) patch.metric = 'hazardsOpen';
    if (view.events === 'dispute') patch.events = 'hazard';
  }
  if (onlyDisputes) {
    if (HAZARD_METRICS.includes(view.metric)) patch.metric = 'disputeRate';
    if (view.events === 'hazard') patch.events = 'dispute';
  }
  return patch;
}
