import { describe, expect, it } from 'vitest';
import { coverageLists, coverageQuarter, daysSince, metricPeriod } from './coverage-model.ts';
import { coverageAnswer, coverageVillage } from './test-fixtures.ts';

describe('daysSince', () => {
  it.each<[string | null, string, number | null]>([
    [null, '2026-11-28T16:00:00Z', null],
    ['2026-11-28T08:00:00+08:00', '2026-11-28T16:00:00Z', 0],
    ['2026-11-01T09:00:00+08:00', '2026-11-28T16:00:00Z', 27],
    // a timestamp after asOf (clock skew) reads as today, never as negative days
    ['2026-11-29T09:00:00+08:00', '2026-11-28T00:00:00Z', 0],
  ])('%s to %s -> %s', (iso, asOf, days) => expect(daysSince(iso, asOf)).toBe(days));
});

describe('coverageLists', () => {
  const answer = coverageAnswer({
    villages: [
      coverageVillage({ code: '430421110201', name: '甲村', status: 'missed', silent: true, lastVisitAt: '2026-09-18T09:00:00+08:00', lastReportAt: '2026-10-20T09:00:00+08:00' }),
      coverageVillage({ code: '430421110202', name: '乙村', status: 'at_risk' }),
      coverageVillage({ code: '430421110203', name: '丙村', status: 'met', silent: true, lastVisitAt: '2026-10-01T09:00:00+08:00', lastReportAt: null }),
    ],
    officers: [{ id: 'OF0001', name: '王警官', agency: '公安', villages: 2, atRisk: 1, missed: 1, villageCodes: ['430421110202', '430421110999'] }],
  });
  const lists = coverageLists(answer);

  it('lists villages short of the rule in the API order, without the met ones', () => {
    expect(lists.short.map((v) => v.name)).toEqual(['甲村', '乙村']);
  });

  it('lists silent villages whatever their status, the longest silent first', () => {
    // 丙村's last sign is 1 Oct, 甲村's 20 Oct
    expect(lists.silent.map((v) => v.name)).toEqual(['丙村', '甲村']);
  });

  it('names the officers’ villages, falling back to the code', () => {
    expect(lists.officers[0]!.villages).toEqual([
      { code: '430421110202', townshipCode: '430421110', name: '乙村' },
      { code: '430421110999', townshipCode: '430421110', name: '430421110999' },
    ]);
  });
});

describe('coverageQuarter', () => {
  it.each([
    // [the header's period, the quarter coverage counts]
    [
      { from: '2026-11-30', to: '2026-12-02' },
      { from: '2026-10-01', to: '2026-12-31' },
    ], // 本周
    [
      { from: '2025-12-03', to: '2026-12-02' },
      { from: '2026-10-01', to: '2026-12-31' },
    ], // 近12个月: not 12 months of visits
    [
      { from: '2026-09-28', to: '2026-10-04' },
      { from: '2026-10-01', to: '2026-12-31' },
    ], // a week across a quarter start
    [
      { from: '2026-09-21', to: '2026-09-27' },
      { from: '2026-07-01', to: '2026-09-30' },
    ], // 上周, last quarter's
    [
      { from: '2026-01-01', to: '2026-03-31' },
      { from: '2026-01-01', to: '2026-03-31' },
    ],
    [
      { from: '2026-02-01', to: '2026-02-28' },
      { from: '2026-01-01', to: '2026-03-31' },
    ],
  ])('%j -> %j', (period, quarter) => expect(coverageQuarter(period)).toEqual(quarter));
});

describe('metricPeriod', () => {
  const header = { from: '2025-12-03', to: '2026-12-02' };
  it.each([
    ['coverage', { from: '2026-10-01', to: '2026-12-31' }],
    ['disputeRate', header],
    ['hazardsOpen', header],
    ['mediationSuccessRate', header],
  ])('%s', (metric, expected) => expect(metricPeriod(metric, header)).toEqual(expected));
});
