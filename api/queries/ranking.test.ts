import { describe, expect, it } from 'vitest';
import type { VillageMetricRow } from './metric-rows.ts';
import { rank } from './ranking.ts';

/** A village row with only what ranking reads set meaningfully. */
function village(code: string, township: string, p: Partial<VillageMetricRow> = {}): VillageMetricRow {
  return {
    village_code: code,
    name: `V${code}`,
    township_code: township,
    township_name: `T${township}`,
    population: 1000,
    disputes: 0,
    disputes_concluded: 0,
    disputes_successful: 0,
    disputes_open: 0,
    hazards: 0,
    hazards_open: 0,
    hazards_overdue: 0,
    hazards_open_s1: 0,
    hazards_open_s2: 0,
    hazards_open_s3: 0,
    hazards_open_s4: 0,
    visits_quarter: 0,
    coverage_status: 'missed',
    expected_visits: 0,
    officer_id: null,
    last_visit_at: null,
    last_report_at: null,
    silent: false,
    ...p,
  };
}

const rows = [
  village('430421110201', '430421110', { visits_quarter: 2, coverage_status: 'at_risk' }),
  village('430421110202', '430421110', { visits_quarter: 0 }),
  village('430421110203', '430421110', { visits_quarter: 3, coverage_status: 'met' }),
  village('430421110204', '430421110', { visits_quarter: 1 }),
  village('430421111201', '430421111', { visits_quarter: 3, coverage_status: 'met' }),
  village('430421111202', '430421111', { visits_quarter: 0 }),
];

describe('rank: coverageRate', () => {
  it.each([
    // [level, order, codes in rank order, visits in rank order]
    ['village', 'asc', ['430421110202', '430421111202', '430421110204', '430421110201', '430421110203', '430421111201'], [0, 0, 1, 2, 3, 3]],
    ['village', 'desc', ['430421110203', '430421111201', '430421110201', '430421110204', '430421110202', '430421111202'], [3, 3, 2, 1, 0, 0]],
    ['township', 'asc', ['430421110', '430421111'], [6, 3]],
  ] as const)('%s %s: a village is met or not (1 or 0), so equals rank by visits this quarter', (level, order, codes, visits) => {
    const ranked = rank(rows, 'coverageRate', level, order);
    expect(ranked.map((r) => r.code)).toEqual(codes);
    expect(ranked.map((r) => r.visits)).toEqual(visits);
  });

  it('gives visits only for coverage', () => {
    expect(rank(rows, 'disputes', 'village', 'desc').every((r) => r.visits === undefined)).toBe(true);
  });
});
