import { describe, expect, it } from 'vitest';
import type { MapMetric, ViewState } from '../url-state/view-state.ts';
import { campaignChoice } from './campaign-view.ts';

const c = (disputeCategories: string[], hazardCategories: string[]) => ({ code: 'x1', disputeCategories, hazardCategories });
const view = (metric: MapMetric, events: ViewState['events'] = 'dispute') => ({ metric, events });

describe('campaignChoice', () => {
  it.each<[string, ReturnType<typeof c> | null, ReturnType<typeof view>, Partial<ViewState>]>([
    ['none: every case, the map as it is', null, view('disputeRate'), { campaign: null }],
    ['both kinds: only the code', c(['劳资'], ['治安']), view('disputeRate'), { campaign: 'x1' }],
    ['hazards only over a dispute map: the hazard map and chart', c([], ['电信诈骗']), view('disputeRate'), { campaign: 'x1', metric: 'hazardsOpen', events: 'hazard' }],
    ['hazards only, mediation success: the hazard map', c([], ['涉毒']), view('mediationSuccessRate', 'hazard'), { campaign: 'x1', metric: 'hazardsOpen' }],
    ['hazards only over a hazard map: kept', c([], ['涉毒']), view('hazardsOverdue', 'hazard'), { campaign: 'x1' }],
    ['hazards only over coverage: coverage stays', c([], ['涉毒']), view('coverage', 'hazard'), { campaign: 'x1' }],
    ['disputes only over a hazard map: the dispute map and chart', c(['劳资'], []), view('hazardsOpen', 'hazard'), { campaign: 'x1', metric: 'disputeRate', events: 'dispute' }],
  ])('%s', (_n, campaign, v, patch) => expect(campaignChoice(campaign, v)).toEqual(patch));
});
