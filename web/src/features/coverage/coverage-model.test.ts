import { describe, expect, it } from 'vitest';
import { coverageLists, daysSince } from './coverage-model.ts';
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
