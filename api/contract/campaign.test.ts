import { describe, expect, it } from 'vitest';
import { campaignChangeBody, campaignStatus, campaignTags, newCampaignBody } from './campaign.ts';

const valid = { code: 'jingwang', name: '净网', startDate: '2026-10-01', endDate: '2027-01-31', hazardCategories: ['电信诈骗'] };
const fields = (r: { success: boolean; error?: { issues: { path: PropertyKey[] }[] } }) => [...new Set((r.error?.issues ?? []).map((i) => i.path.join('.') || '(root)'))];

describe('campaign bodies', () => {
  it('fills the defaults of a new campaign', () => {
    expect(newCampaignBody.parse(valid)).toEqual({
      ...valid,
      description: '',
      disputeCategories: [],
      townships: null,
      leadDepartment: '',
      autoTag: false,
    });
  });

  it.each([
    [{ ...valid, code: 'JingWang' }, ['code']],
    [{ ...valid, code: 'j' }, ['code']],
    [{ ...valid, name: '  ' }, ['name']],
    [{ ...valid, endDate: '2026-09-30' }, ['endDate']],
    [{ ...valid, hazardCategories: [] }, ['hazardCategories']],
    [{ ...valid, hazardCategories: ['婚姻家庭'] }, ['hazardCategories.0']],
    [{ ...valid, disputeCategories: ['劳资', '劳资'] }, ['disputeCategories']],
    [{ ...valid, townships: [] }, ['townships']],
    [{ ...valid, townships: ['430421110', '430421110'] }, ['townships']],
    [{ ...valid, status: 'running' }, ['(root)']],
  ])('refuses %j', (body, want) => {
    expect(fields(newCampaignBody.safeParse(body))).toEqual(want);
  });

  it('takes any field but the code in a change, and at least one', () => {
    expect(campaignChangeBody.parse({ townships: null })).toEqual({ townships: null });
    expect(fields(campaignChangeBody.safeParse({}))).toEqual(['(root)']);
    expect(fields(campaignChangeBody.safeParse({ code: 'other' }))).toEqual(['(root)']);
    expect(fields(campaignChangeBody.safeParse({ townships: ['430421110', '430421110'] }))).toEqual(['townships']);
  });

  it('tags: codes, each once, at most 8', () => {
    expect(campaignTags.safeParse(['jingwang', 'yunjian']).success).toBe(true);
    expect(campaignTags.safeParse(['jingwang', 'jingwang']).success).toBe(false);
    expect(campaignTags.safeParse(['净网']).success).toBe(false);
    expect(campaignTags.safeParse(Array.from({ length: 9 }, (_, i) => `c${i}x`)).success).toBe(false);
  });
});

describe('campaignStatus', () => {
  it.each([
    ['2026-09-30', 'planned'],
    ['2026-10-01', 'running'],
    ['2027-01-31', 'running'],
    ['2027-02-01', 'ended'],
  ] as const)('on %s: %s', (today, want) => {
    expect(campaignStatus(valid, today)).toBe(want);
  });
});
