import { describe, expect, it } from 'vitest';
import type { Campaign } from '../../api/types.ts';
import { type CampaignForm, campaignPayload, EMPTY_CAMPAIGN, formOf } from './campaign-form.ts';

const good: CampaignForm = {
  ...EMPTY_CAMPAIGN,
  code: 'lei-ting',
  name: ' 雷霆 ',
  startDate: '2026-09-01',
  endDate: '2026-11-30',
  hazardCategories: ['治安', '消防'],
  leadDepartment: '县公安局',
};

const saved: Campaign = {
  code: 'lei-ting',
  name: '雷霆',
  description: '',
  startDate: '2026-09-01',
  endDate: '2026-11-30',
  disputeCategories: [],
  hazardCategories: ['治安', '消防'],
  townships: null,
  leadDepartment: '县公安局',
  autoTag: false,
  status: 'running',
};

describe('campaignPayload', () => {
  it('a new campaign: trimmed, categories in order, no townships = the whole county', () => {
    expect(campaignPayload(good)).toEqual({
      ok: true,
      changed: 9,
      body: {
        code: 'lei-ting',
        name: '雷霆',
        description: '',
        startDate: '2026-09-01',
        endDate: '2026-11-30',
        disputeCategories: [],
        hazardCategories: ['治安', '消防'].sort(),
        townships: null,
        leadDepartment: '县公安局',
        autoTag: false,
      },
    });
  });

  it.each<[string, Partial<CampaignForm>, string[]]>([
    ['a code with capitals', { code: 'LeiTing' }, ['code']],
    ['a code starting with a digit', { code: '1x' }, ['code']],
    ['no name', { name: '  ' }, ['name']],
    ['a name over 40 characters', { name: '专'.repeat(41) }, ['name']],
    ['no start', { startDate: '' }, ['startDate']],
    ['an end before the start', { endDate: '2026-08-31' }, ['endDate']],
    ['no category at all', { hazardCategories: [] }, ['categories']],
  ])('refuses %s', (_n, patch, problems) => {
    expect(campaignPayload({ ...good, ...patch })).toEqual({ ok: false, problems });
  });

  it('an edit sends only what changed, and never the code', () => {
    const form = { ...formOf(saved), endDate: '2026-12-31', townships: ['430421110'] };
    expect(campaignPayload(form, saved)).toEqual({ ok: true, changed: 2, body: { endDate: '2026-12-31', townships: ['430421110'] } });
  });

  it('an edit that changes nothing has nothing to send; reordered categories are no change', () => {
    expect(campaignPayload({ ...formOf(saved), hazardCategories: ['消防', '治安'] }, saved)).toEqual({ ok: true, changed: 0, body: {} });
  });

  it('an edit may not keep a campaign with no category', () => {
    expect(campaignPayload({ ...formOf(saved), hazardCategories: [] }, saved)).toEqual({ ok: false, problems: ['categories'] });
  });
});
