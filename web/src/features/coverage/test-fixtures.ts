import type { Coverage, CoverageVillage } from './queries.ts';

/** Coverage answers shaped like the API's, for the panel's tests. */
export function coverageVillage(p: Partial<CoverageVillage>): CoverageVillage {
  return {
    code: '430421110200',
    name: '银溪村',
    townshipCode: '430421110',
    townshipName: '界牌镇',
    officer: { id: 'OF0220', name: '吴伟超', agency: '公安' },
    visits: 1,
    expectedVisits: 3,
    status: 'at_risk',
    reachable: true,
    lastVisitAt: '2026-11-10T09:00:00+08:00',
    daysSinceLastVisit: 18,
    lastReportAt: '2026-11-20T09:00:00+08:00',
    silent: false,
    ...p,
  };
}

export function coverageAnswer(p: Partial<Coverage> = {}): Coverage {
  return {
    asOf: '2026-11-28T16:00:00.000Z',
    quarterStart: '2026-10-01',
    quarterEnd: '2026-12-31',
    daysLeft: 33,
    required: 3,
    silenceDays: 28,
    county: { villages: 491, met: 221, atRisk: 213, missed: 57, rate: 0.4501, silent: 15 },
    townships: [],
    villages: [],
    officers: [],
    ...p,
  };
}
