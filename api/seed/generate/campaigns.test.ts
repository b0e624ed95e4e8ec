import { describe, expect, it } from 'vitest';
import { stream } from '../../../geodata/prng.ts';
import { dayOf, epochMinuteOf, formatDate, parseDate } from './calendar.ts';
import { type CampaignPlan, campaignFactor, categoryEffect, planCampaigns } from './campaigns.ts';
import { generateOperations } from './index.ts';
import { testVillages } from './test-villages.ts';

const NOW = new Date('2026-12-02T12:00:00+08:00');
const TOWNSHIPS = Array.from({ length: 25 }, (_, i) => `430421${String(100 + i).padStart(3, '0')}`);
const FIRST = parseDate('2024-01-01');

const plan = (over: Partial<CampaignPlan> = {}): CampaignPlan => ({
  code: 'x',
  name: 'x',
  description: '',
  leadDepartment: '',
  disputeCategories: [],
  hazardCategories: ['涉毒'],
  townships: null,
  startDate: '',
  endDate: '',
  autoTag: true,
  startDay: 1000,
  endDay: 1099,
  launchDays: 20,
  rise: 0.5,
  fall: 0.4,
  recoveryDays: 50,
  ...over,
});

describe('planCampaigns', () => {
  const plans = planCampaigns(7, FIRST, epochMinuteOf(NOW), TOWNSHIPS);

  it('places the four named campaigns in the span, 净网 running today, 雷霆 in a few townships', () => {
    expect(plans.map((p) => p.name)).toEqual(['清源断流', '云剑', '雷霆', '净网']);
    const today = formatDate(dayOf(2026, 12, 2));
    for (const p of plans) {
      expect(p.startDate <= p.endDate).toBe(true);
      // A "before" as long as the campaign lies in the generated span.
      expect(p.startDay - (p.endDay - p.startDay + 1)).toBeGreaterThanOrEqual(FIRST);
    }
    const jw = plans.find((p) => p.code === 'jingwang')!;
    expect(jw.startDate < today && jw.endDate > today).toBe(true);
    expect(plans.filter((p) => p.code !== 'jingwang').every((p) => p.endDate < today)).toBe(true);
    const lt = plans.find((p) => p.code === 'leiting')!;
    expect(lt.townships!.length).toBeGreaterThanOrEqual(3);
    expect(lt.townships!.every((t) => TOWNSHIPS.includes(t))).toBe(true);
    expect(plans.filter((p) => p.code !== 'leiting').every((p) => p.townships === null)).toBe(true);
  });

  it('draws dates and sizes from the seed: the same seed the same plans, another seed others', () => {
    expect(planCampaigns(7, FIRST, epochMinuteOf(NOW), TOWNSHIPS)).toEqual(plans);
    expect(planCampaigns(8, FIRST, epochMinuteOf(NOW), TOWNSHIPS).map((p) => p.startDate)).not.toEqual(plans.map((p) => p.startDate));
  });
});

describe('campaignFactor: a rise at launch, then a fall that lasts and recovers after the end', () => {
  it.each([
    [999, 1],
    [1000, 1.5],
    [1019, 1.5],
    // the settling: (1099 - 1000 - 20) / 2 = 39.5 days to reach 1 - fall
    [1020, 1 - 0.4 / 39.5],
    [1060, 0.6],
    [1099, 0.6],
    [1124, 0.8],
    [1149, 1],
    [1300, 1],
  ])('day %i -> %f', (day, want) => {
    expect(campaignFactor(plan(), day)).toBeCloseTo(want, 10);
  });
});

describe('categoryEffect', () => {
  it('is null for a category no campaign targets', () => {
    expect(categoryEffect([plan()], 'hazard', '消防')).toBeNull();
    expect(categoryEffect([plan()], 'dispute', '涉毒')).toBeNull();
  });

  it('keeps every case of a county-wide campaign (the day weight carries it)', () => {
    const e = categoryEffect([plan()], 'hazard', '涉毒')!;
    expect(e.peak(1060)).toBeCloseTo(0.6, 10);
    const rng = stream(1, 't');
    expect(Array.from({ length: 200 }, () => e.keep(rng, 1060, TOWNSHIPS[0]!)).every(Boolean)).toBe(true);
  });

  it('gives a township-scoped campaign its own factor: kept in scope at the launch, thinned elsewhere', () => {
    const e = categoryEffect([plan({ townships: [TOWNSHIPS[0]!] })], 'hazard', '涉毒')!;
    const rng = stream(2, 't');
    const share = (day: number, t: string) => Array.from({ length: 4000 }, () => e.keep(rng, day, t)).filter(Boolean).length / 4000;
    expect(e.peak(1005)).toBeCloseTo(1.5, 10);
    expect(share(1005, TOWNSHIPS[0]!)).toBe(1);
    expect(share(1005, TOWNSHIPS[1]!)).toBeCloseTo(1 / 1.5, 1);
    // During the fall the day weight stays 1 and the scope alone is thinned.
    expect(e.peak(1060)).toBe(1);
    expect(share(1060, TOWNSHIPS[0]!)).toBeCloseTo(0.6, 1);
    expect(share(1060, TOWNSHIPS[1]!)).toBe(1);
  });
});

describe('the generated cases show each campaign: more at launch, fewer later', () => {
  const ops = generateOperations({ seed: 20240101, scale: 2, now: NOW, villages: testVillages() });
  const township = (code: string) => code.slice(0, 9);
  const dayOfIso = (iso: string) => parseDate(iso.slice(0, 10));

  it.each(['qingyuan', 'yunjian', 'leiting', 'jingwang'])('%s', (code) => {
    const c = ops.campaigns.find((x) => x.code === code)!;
    const start = parseDate(c.startDate);
    const end = Math.min(parseDate(c.endDate), dayOf(2026, 12, 1));
    const cases = [
      ...ops.hazards.filter((h) => c.hazardCategories.includes(h.category)).map((h) => ({ day: dayOfIso(h.reportedAt), village: h.villageCode })),
      ...ops.disputes.filter((d) => c.disputeCategories.includes(d.category)).map((d) => ({ day: dayOfIso(d.receivedAt), village: d.villageCode })),
    ].filter((x) => c.townships === null || c.townships.includes(township(x.village)));
    const rate = (from: number, to: number) => cases.filter((x) => x.day >= from && x.day <= to).length / (to - from + 1);
    const before = rate(start - 56, start - 1);
    const launch = rate(start, start + 13);
    const late = rate(Math.max(start + 28, end - 27), end);
    expect(launch, `${code}: launch ${launch} vs before ${before}`).toBeGreaterThan(before * 1.15);
    expect(late, `${code}: late ${late} vs before ${before}`).toBeLessThan(before * 0.9);
  });
});
