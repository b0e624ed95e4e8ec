import { beforeAll, describe, expect, it } from 'vitest';
import type { Handle, Scope } from '../db/index.ts';
import { applyScope } from '../db/scope.ts';
import { rolledBack } from '../test/rollback.ts';
import { type TestDb, testDb } from '../test/test-db.ts';

// Migration 021: a chief's village_metrics and scope_totals for their own township read as the
// owner (no policy test per row), through *_own_township, which must refuse everyone else. The
// answers must be the county's for that township, and nothing of another township may show.
const ARGS = `p_from => $1::timestamptz - interval '365 days', p_to => $1::timestamptz, p_ref => $1::timestamptz,
              p_required => 3, p_township => $2, p_silence_days => 28`;
const METRICS = `SELECT * FROM village_metrics(${ARGS}) ORDER BY village_code`;
const UNDER_POLICIES = `SELECT * FROM village_metrics_rows(${ARGS}, p_categories => NULL, p_statuses => NULL, p_campaign => NULL) ORDER BY village_code`;
const TOTALS = `SELECT * FROM scope_totals(${ARGS}, p_cov_ref => $1::timestamptz)`;
const TOTALS_UNDER_POLICIES = `SELECT * FROM scope_totals_rows(${ARGS}, p_cov_ref => $1::timestamptz, p_categories => NULL, p_statuses => NULL, p_campaign => NULL)`;
const OWN = {
  village_metrics: `SELECT * FROM village_metrics_own_township($1::timestamptz - interval '365 days', $1::timestamptz, $1::timestamptz, 3, $2, 28, NULL, NULL, NULL)`,
  scope_totals: `SELECT * FROM scope_totals_own_township($1::timestamptz - interval '365 days', $1::timestamptz, $1::timestamptz, $1::timestamptz, 3, $2, 28, NULL, NULL, NULL)`,
};
type Row = Record<string, unknown> & { village_code: string; expected_visits: number; coverage_status: string };

let t: TestDb;
beforeAll(async () => {
  t = await testDb();
});

/**
 * `sql` in `scope` inside a savepoint: its rows, or the error it raised. A string for a scope: the
 * owner's role with a chief's settings for that township (no request sets them so).
 */
async function asScope(h: Handle, scope: Scope | string | null, sql: string, args: unknown[]): Promise<Row[] | Error> {
  await h.exec('SAVEPOINT chief');
  try {
    if (typeof scope === 'string') await h.query(`SELECT set_config('app.scope', 'township', true), set_config('app.township', $1, true)`, [scope]);
    else if (scope) await applyScope(h, scope, 60_000);
    return await h.query<Row>(sql, args);
  } catch (e) {
    return e as Error;
  } finally {
    await h.exec('ROLLBACK TO SAVEPOINT chief');
  }
}

describe("a chief's village metrics (migration 021)", () => {
  it("are the county's for the township, with an officer's visits in other townships counted as the county counts them", async () => {
    const at = t.now.toISOString();
    const seen = await rolledBack(t.db, async (h) => {
      // an officer whose village misses the quarter: the visits below move it to "at risk" for
      // whoever counts them, so the summary's coverage shows which reading was taken
      const [o] = await h.query<{ id: string; village: string; township: string; other: string }>(
        `SELECT o.id, o.village_code AS village, left(o.village_code, 9) AS township,
                (SELECT min(code) FROM village WHERE township_code <> left(o.village_code, 9)) AS other
           FROM officer o JOIN (${METRICS}) m ON m.village_code = o.village_code
          WHERE m.coverage_status = 'missed' ORDER BY o.id LIMIT 1`,
        [at, null],
      );
      // 180 visits 11 hours apart (the last 82 days), all in another township: a rhythm of two a day
      await h.query(
        `INSERT INTO visit (id, officer_id, village_code, kind, visited_at, geom)
           SELECT 'VCHIEF' || g, $1, v.code, '走访', $3::timestamptz - g * interval '11 hours', v.label_point
             FROM village v, generate_series(1, 180) g WHERE v.code = $2`,
        [o!.id, o!.other, at],
      );
      const county = await asScope(h, { kind: 'county' }, METRICS, [at, o!.township]);
      const chief: Scope = { kind: 'township', township: o!.township };
      return {
        o: o!,
        county,
        totals: {
          county: await asScope(h, { kind: 'county' }, TOTALS, [at, o!.township]),
          own: await asScope(h, chief, TOTALS, [at, o!.township]),
          whole: await asScope(h, chief, TOTALS, [at, null]),
          policed: await asScope(h, chief, TOTALS_UNDER_POLICIES, [at, o!.township]),
        },
        own: await asScope(h, chief, METRICS, [at, o!.township]),
        // "no township" is the chief's own: their map
        whole: await asScope(h, chief, METRICS, [at, null]),
        // the same body under the chief's policies, which hide the visits elsewhere
        policed: await asScope(h, chief, UNDER_POLICIES, [at, o!.township]),
        other: await asScope(h, chief, METRICS, [at, o!.other.slice(0, 9)]),
      };
    });
    const county = seen.county as Row[];
    expect(county.length).toBeGreaterThan(3);
    expect(seen.own).toEqual(county);
    expect(seen.whole).toEqual(county);
    // the owner's reading was taken: under the policies the officer's village projects fewer visits
    const of = (rows: Row[]) => rows.find((r) => r.village_code === seen.o.village)!;
    expect(of(county).expected_visits).toBeGreaterThan(of(seen.policed as Row[]).expected_visits);
    // another township's villages: none, as the policies show the chief none
    expect(seen.other).toEqual([]);
    // the summary's totals likewise
    const totals = seen.totals.county as Row[];
    expect((totals[0] as unknown as { villages: number }).villages).toBe(county.length);
    expect(seen.totals.own).toEqual(totals);
    expect(seen.totals.whole).toEqual(totals);
    // the owner's reading: the officer's village no longer missed, as under the policies it still is
    expect(of(seen.policed as Row[]).coverage_status).toBe('missed');
    expect(of(county).coverage_status).not.toBe('missed');
    const missed = (rows: unknown) => (rows as { coverage_missed: number }[])[0]!.coverage_missed;
    expect(missed(seen.totals.policed)).toBeGreaterThan(missed(totals));
  });

  it("refuses the owner's reading to anyone but a chief asking for their own township", async () => {
    const at = t.now.toISOString();
    const results = await rolledBack(t.db, async (h) => {
      const [v] = await h.query<{ township: string; other: string; village: string }>(
        `SELECT min(township_code) AS township, max(township_code) AS other, min(code) AS village FROM village`,
      );
      const chief: Scope = { kind: 'township', township: v!.township };
      const refused: [string, Scope | string | null, string | null][] = [
        ['the owner', null, v!.township],
        ["the owner with a chief's settings", v!.township, v!.township],
        ['the county', { kind: 'county' }, v!.township],
        ['an officer of the township', { kind: 'villages', township: v!.township, villages: [v!.village] }, v!.township],
        ['a signed-out caller', { kind: 'none' }, v!.township],
        ['a chief for another township', chief, v!.other],
        ['a chief for no township', chief, null],
        ['a chief for an empty township', chief, ''],
      ];
      const out: Record<string, Row[] | Error> = {};
      for (const [fn, sql] of Object.entries(OWN)) {
        for (const [who, scope, township] of refused) out[`${fn}: ${who}`] = await asScope(h, scope, sql, [at, township]);
        out[`${fn}: the chief`] = await asScope(h, chief, sql, [at, v!.township]);
      }
      return out;
    });
    expect(Object.keys(results)).toHaveLength(2 * 9);
    for (const [who, r] of Object.entries(results)) {
      if (who === 'village_metrics: the chief') expect((r as Row[]).length, who).toBeGreaterThan(3);
      else if (who === 'scope_totals: the chief') expect(((r as Row[])[0] as unknown as { villages: number }).villages, who).toBeGreaterThan(3);
      else expect(r instanceof Error ? r.message : r, who).toMatch(/only a chief's own township/);
    }
  });
});
