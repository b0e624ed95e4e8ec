import { describe, expect, it } from 'vitest';
import { comparedUnderCampaign, type KpiId, kpisOf, type Totals, toneOf } from './kpi-model.ts';

const totals = (p: { disputes?: number; success?: number | null; open?: number; overdue?: number; coverage?: number | null }): Totals => ({
  disputes: { total: p.disputes ?? 100, concluded: 90, resolved: 80, successRate: p.success === undefined ? 0.9 : p.success, open: 10 },
  hazards: { reported: 50, open: p.open ?? 20, overdue: p.overdue ?? 2, bySeverity: { 1: 10, 2: 6, 3: 3, 4: 1 } },
  coverage: { villages: 10, met: 5, atRisk: 5, missed: 0, silent: 0, rate: p.coverage === undefined ? 0.5 : p.coverage, quarter: '2026-10-01', asOf: '2026-11-28T15:00:00.000Z' },
});

describe('toneOf', () => {
  it.each<[KpiId, number | null, boolean, string]>([
    ['disputes', 5, false, 'bad'],
    ['disputes', -5, false, 'good'],
    ['disputes', 0, false, 'flat'],
    ['successRate', 0.02, true, 'good'],
    ['successRate', -0.02, true, 'bad'],
    ['successRate', 0.004, true, 'flat'],
    ['hazardsOpen', 3, false, 'bad'],
    ['hazardsOpen', -3, false, 'good'],
    ['hazardsOverdue', 1, false, 'bad'],
    ['hazardsOverdue', -1, false, 'good'],
    ['hazardsOverdue', 0, false, 'flat'],
    ['coverage', 0.1, true, 'good'],
    ['coverage', -0.1, true, 'bad'],
    ['coverage', null, true, 'none'],
    ['disputes', Number.NaN, false, 'none'],
  ])('%s change %s -> %s', (id, delta, ratio, tone) => expect(toneOf(id, delta, ratio)).toBe(tone));
});

describe('kpisOf', () => {
  it('compares each headline with the previous period', () => {
    const k = kpisOf(totals({ disputes: 120, success: 0.95, open: 15, overdue: 4, coverage: 0.6 }), totals({}));
    expect(k.map((x) => [x.id, x.value, x.delta !== null ? Number(x.delta.toFixed(4)) : null, x.tone])).toEqual([
      ['disputes', 120, 20, 'bad'],
      ['successRate', 0.95, 0.05, 'good'],
      ['hazardsOpen', 15, -5, 'good'],
      ['hazardsOverdue', 4, 2, 'bad'],
      ['coverage', 0.6, 0.1, 'good'],
    ]);
  });
  it('has no change when a rate is missing on either side', () => {
    const [, success] = kpisOf(totals({ success: null }), totals({}));
    expect(success).toMatchObject({ value: null, delta: null, tone: 'none' });
  });
});

describe('comparedUnderCampaign', () => {
  it.each<[string, KpiId, string, string | null, boolean]>([
    ['no campaign: always', 'disputes', '2026-01-01', null, true],
    ['previous period ended before the campaign began: not', 'hazardsOpen', '2026-08-31', '2026-09-01', false],
    ['previous period ends on its first day: compared', 'disputes', '2026-09-01', '2026-09-01', true],
    ['coverage counts every visit: always', 'coverage', '2026-08-31', '2026-09-01', true],
  ])('%s', (_name, id, previousTo, start, want) => {
    expect(comparedUnderCampaign(id, previousTo, start)).toBe(want);
  });
});
