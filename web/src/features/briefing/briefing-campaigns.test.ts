import { describe, expect, it } from 'vitest';
import type { Campaign } from '../../api/types.ts';
import { briefingCampaigns, MAX_CAMPAIGN_PAGES } from './briefing-campaigns.ts';

const campaign = (code: string, startDate: string, endDate: string, townships: string[] | null = null): Campaign => ({
  code,
  name: code,
  description: '',
  startDate,
  endDate,
  disputeCategories: [],
  hazardCategories: ['涉毒'],
  townships,
  leadDepartment: '',
  autoTag: false,
  status: 'running',
});
const week = { from: '2026-11-23', to: '2026-11-29' };

describe('briefingCampaigns', () => {
  it.each<[string, Campaign, string | null, boolean]>([
    ['running through the week', campaign('a', '2026-09-01', '2026-12-31'), null, true],
    ['ending on the Monday', campaign('a', '2026-09-01', '2026-11-23'), null, true],
    ['starting on the Sunday', campaign('a', '2026-11-29', '2027-01-31'), null, true],
    ['ended the Sunday before', campaign('a', '2026-09-01', '2026-11-22'), null, false],
    ['starting after the week', campaign('a', '2026-11-30', '2027-01-31'), null, false],
    ["another township's, in a township briefing", campaign('a', '2026-09-01', '2026-12-31', ['430421120']), '430421110', false],
    ["the township's own", campaign('a', '2026-09-01', '2026-12-31', ['430421110', '430421120']), '430421110', true],
    ['county-wide, in a township briefing', campaign('a', '2026-09-01', '2026-12-31'), '430421110', true],
    ["a few townships', in the county briefing", campaign('a', '2026-09-01', '2026-12-31', ['430421120']), null, true],
  ])('%s', (_n, c, township, shown) => expect(briefingCampaigns([c], week, township)).toHaveLength(shown ? 1 : 0));

  it('latest started first, and a bounded number of pages', () => {
    const many = ['2026-08-01', '2026-10-01', '2026-09-01', '2026-11-01', '2026-07-01'].map((d, i) => campaign(`c${i}`, d, '2026-12-31'));
    const shown = briefingCampaigns(many, week, null);
    expect(shown.map((c) => c.startDate)).toEqual(['2026-11-01', '2026-10-01', '2026-09-01'].slice(0, MAX_CAMPAIGN_PAGES));
  });
});
