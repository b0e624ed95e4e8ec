import { beforeAll, describe, expect, it } from 'vitest';
import type { Handle } from '../db/index.ts';
import { SYSTEM } from '../db/types.ts';
import { rolledBack } from '../test/rollback.ts';
import { backend, type TestDb, testDb } from '../test/test-db.ts';

let t: TestDb;
let village: { code: string; township: string; officer: string };

beforeAll(async () => {
  t = await testDb();
  const [row] = await t.db.read(SYSTEM, (h) =>
    h.query<{ code: string; township: string; officer: string }>(
      `SELECT v.code, v.township_code AS township, o.id AS officer FROM village v JOIN officer o ON o.village_code = v.code ORDER BY v.code LIMIT 1`,
    ),
  );
  village = row!;
});

// 2026-02-19 12:00 +08:00: Q1 2026 has 40 days left (Feb 19 -> Mar 31).
const REF = '2026-02-19T12:00:00+08:00';
const day = (d: number) => new Date(Date.parse(REF) - d * 86400_000).toISOString();

interface History {
  /** Days before REF of the officer's visits to the village. */
  visits: number[];
  /** Days before REF of grid reports in the village. */
  reports?: number[];
}

/** Replaces the village's history inside a transaction, reads its metrics, and rolls back. */
async function metricsFor(history: History) {
  type Metrics = { visits_quarter: number; expected_visits: number; coverage_status: string; silent: boolean };
  const out = await rolledBack(t.db, async (h: Handle) => {
    await h.query(`DELETE FROM visit WHERE officer_id = $1 OR village_code = $2`, [village.officer, village.code]);
    await h.query(`DELETE FROM hazard WHERE village_code = $1`, [village.code]);
    for (const [i, d] of history.visits.entries()) {
      await h.query(
        `INSERT INTO visit (id, officer_id, village_code, kind, visited_at, geom) SELECT $1, $2, code, '走访', $3::timestamptz, label_point FROM village WHERE code = $4`,
        [`VTEST${i}`, village.officer, day(d), village.code],
      );
    }
    for (const [i, d] of (history.reports ?? []).entries()) {
      await h.query(
        `INSERT INTO hazard (id, category, severity, department, status, village_code, reported_at, deadline, geom)
           SELECT $1, '治安', 1, '公安局派出所', '上报', code, $2::timestamptz, $2::timestamptz + interval '30 days', label_point FROM village WHERE code = $3`,
        [`HTEST${i}`, day(d), village.code],
      );
    }
    const rows = await h.query<Metrics & { village_code: string }>(
      `SELECT village_code, visits_quarter, expected_visits, coverage_status, silent
         FROM village_metrics(p_from => $1::timestamptz - interval '30 days', p_to => $1::timestamptz, p_ref => $1::timestamptz,
                              p_required => 3, p_township => $2, p_silence_days => 28)`,
      [REF, village.township],
    );
    return rows.find((r) => r.village_code === village.code);
  });
  if (!out) throw new Error(`village ${village.code} missing from village_metrics`);
  return out;
}

describe(`coverage forecast and silence on constructed histories (${backend})`, () => {
  it.each([
    ['3 visits this quarter', { visits: [2, 20, 45] }, { visits_quarter: 3, coverage_status: 'met' }],
    // rhythm 8 visits / 182 days over 40 days left -> 1 more: 1 + 1 < 3
    ['1 visit, a slow officer', { visits: [10, 60, 80, 100, 120, 140, 160, 175] }, { visits_quarter: 1, expected_visits: 2, coverage_status: 'missed' }],
    // rhythm 14 / 182 over 40 days -> 3 more: 1 + 3 >= 3
    [
      '1 visit, a weekly-ish officer',
      { visits: [5, 55, 62, 70, 80, 90, 100, 110, 120, 130, 140, 150, 160, 170] },
      { visits_quarter: 1, expected_visits: 4, coverage_status: 'at_risk' },
    ],
    ['no visits, no rhythm', { visits: [] }, { visits_quarter: 0, expected_visits: 0, coverage_status: 'missed' }],
    ['2 visits, just enough rhythm', { visits: [1, 3, 60, 70, 80, 100, 120, 150, 170] }, { visits_quarter: 2, coverage_status: 'at_risk' }],
  ])('%s', async (_name, history, expected) => {
    expect(await metricsFor(history)).toMatchObject(expected);
  });

  it.each([
    ['last visit 30 days ago, no reports', { visits: [30] }, true],
    ['last visit 20 days ago', { visits: [20] }, false],
    ['no visit for 60 days but a report 10 days ago', { visits: [60], reports: [10] }, false],
    ['nothing at all', { visits: [] }, true],
    ['a report 29 days ago and nothing since', { visits: [], reports: [29] }, true],
  ])('silence: %s -> %s', async (_name, history, silent) => {
    expect((await metricsFor(history)).silent).toBe(silent);
  });
});
