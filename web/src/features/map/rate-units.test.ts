import { describe, expect, it } from 'vitest';
import { metricLabelKey } from './metrics.ts';
import { disputeRate, PER_10000_BELOW_DAYS, per1000, periodDays, rateUnitFor } from './rate-units.ts';

describe('per1000', () => {
  it.each([
    [10, 2000, 5],
    [0, 500, 0],
    [3, 0, null],
  ])('%s cases in %s residents -> %s', (c, p, r) => expect(per1000(c, p)).toBe(r));
});

describe('disputeRate', () => {
  it.each([
    [1, 2000, 10000, 5],
    [5, 50000, 1000, 0.1],
    [5, 50000, 10000, 1],
    [0, 0, 10000, null],
  ])('%s cases in %s residents per %s -> %s', (c, p, per, r) => expect(disputeRate(c, p, per)).toBe(r));
});

describe('rateUnitFor: the unit follows the period', () => {
  it.each<[string, { from: string; to: string } | null, number, string, string]>([
    ['no period known', null, 1000, 'unit_per1000', 'metric_disputeRate'],
    ['one day', { from: '2026-12-02', to: '2026-12-02' }, 10000, 'unit_per10000', 'metric_disputeRate10k'],
    ['a running week (Mon-Wed)', { from: '2026-11-30', to: '2026-12-02' }, 10000, 'unit_per10000', 'metric_disputeRate10k'],
    ['a week', { from: '2026-11-23', to: '2026-11-29' }, 10000, 'unit_per10000', 'metric_disputeRate10k'],
    ['a month', { from: '2026-11-01', to: '2026-11-30' }, 10000, 'unit_per10000', 'metric_disputeRate10k'],
    ['89 days', { from: '2026-09-03', to: '2026-11-30' }, 10000, 'unit_per10000', 'metric_disputeRate10k'],
    ['90 days', { from: '2026-09-02', to: '2026-11-30' }, 1000, 'unit_per1000', 'metric_disputeRate'],
    ['a quarter (Q4, 92 days)', { from: '2026-10-01', to: '2026-12-31' }, 1000, 'unit_per1000', 'metric_disputeRate'],
    ['12 months', { from: '2025-12-01', to: '2026-11-30' }, 1000, 'unit_per1000', 'metric_disputeRate'],
  ])('%s', (_name, period, per, unitKey, labelKey) => {
    expect(rateUnitFor(period)).toEqual({ per, unitKey, labelKey });
    expect(metricLabelKey('disputeRate', period)).toBe(labelKey);
    expect(metricLabelKey('hazardsOpen', period)).toBe('metric_hazardsOpen');
  });
  it('the threshold is in days, inclusive', () => {
    expect(periodDays({ from: '2026-11-23', to: '2026-11-29' })).toBe(7);
    expect(PER_10000_BELOW_DAYS).toBe(90);
  });
});
