import { describe, expect, it } from 'vitest';
import { caseFilterOf, countyWide, kindQuery, periodAndCampaign, periodAndScope, WHOLE_COUNTY } from './case-filter.ts';

const period = { from: '2026-01-01', to: '2026-03-31' };

describe('caseFilterOf', () => {
  it('is null until the period is known', () => {
    expect(caseFilterOf(null, WHOLE_COUNTY)).toBeNull();
  });

  it('sends only what says something: the county, unfiltered, is the period alone', () => {
    expect(caseFilterOf(period, WHOLE_COUNTY)).toStrictEqual(period);
  });

  it('sends the campaign when the view has one', () => {
    expect(caseFilterOf(period, { ...WHOLE_COUNTY, campaign: 'qingyuan' })).toStrictEqual({ ...period, campaign: 'qingyuan' });
  });

  it('joins the lists the way the API reads them (comma-separated)', () => {
    expect(caseFilterOf(period, { township: '430421110', categories: ['邻里纠纷', '消防'], statuses: ['受理'], campaign: null })).toStrictEqual({
      ...period,
      township: '430421110',
      category: '邻里纠纷,消防',
      status: '受理',
    });
  });
});

describe('the narrower parameter sets', () => {
  const filter = caseFilterOf(period, { township: '430421110', categories: ['消防'], statuses: ['受理'], campaign: 'qingyuan' })!;

  it('countyWide drops the township only', () => {
    expect(countyWide(filter)).toStrictEqual({ ...period, category: '消防', status: '受理', campaign: 'qingyuan' });
  });

  it('periodAndScope drops the category and status', () => {
    expect(periodAndScope(filter)).toStrictEqual({ ...period, township: '430421110' });
  });

  it("periodAndCampaign (a village's detail) keeps the period and the campaign, and sends no campaign when there is none", () => {
    expect(periodAndCampaign(filter)).toStrictEqual({ ...period, campaign: 'qingyuan' });
    expect(periodAndCampaign(caseFilterOf(period, WHOLE_COUNTY)!)).toStrictEqual(period);
  });
});

describe('kindQuery', () => {
  it.each<[string, string[], string[], 'dispute' | 'hazard', { category?: string; status?: string }, boolean]>([
    ['no filter: every case of the kind', [], [], 'dispute', {}, false],
    ['keeps only the categories of the kind', ['邻里纠纷', '消防'], [], 'dispute', { category: '邻里纠纷' }, false],
    ['a hazard-only category list leaves no disputes', ['消防'], [], 'dispute', {}, true],
    ['a dispute-only status list leaves no hazards', [], ['调处中'], 'hazard', {}, true],
  ])('%s', (_n, categories, statuses, kind, lists, excludesAll) => {
    const k = kindQuery(kind, caseFilterOf(period, { ...WHOLE_COUNTY, categories, statuses })!);
    expect(k).toStrictEqual({ query: { type: kind, ...period, ...lists }, excludesAll });
  });

  it('passes the rest of the filter through, so a new dimension reaches the per-kind queries', () => {
    const filter = caseFilterOf(period, { township: '430421110', categories: ['消防'], statuses: [], campaign: 'x1' })!;
    expect(kindQuery('hazard', filter).query).toStrictEqual({ ...period, township: '430421110', campaign: 'x1', type: 'hazard', category: '消防' });
  });
});
