import { beforeAll, describe, expect, it } from 'vitest';
import type { Handle, Scope } from '../db/index.ts';
import { applyScope } from '../db/scope.ts';
import { SYSTEM } from '../db/types.ts';
import type { CaseFilter } from '../filter/case-filter.ts';
import { hazardInsert, importMeetsIntake } from '../test/import-meets-intake.ts';
import { rolledBack } from '../test/rollback.ts';
import { type TestDb, testDb, townshipCodes } from '../test/test-db.ts';
import { random } from '../test/windows.ts';
import { scopeTotals } from './summary.ts';

// Migration 020: the county's open stock at any instant, as its role reads it, from the township
// rows of the deltas (interval arithmetic), held to the interval indexes' answer, the
// definition: open at T when received <= T < concluded, overdue when also past its deadline.
const DAY = 86_400_000;
const HOUR = 3_600_000;

let t: TestDb;
let townships: string[];

beforeAll(async () => {
  t = await testDb();
  townships = await townshipCodes(t.db);
});

type Stock = Record<'disputes_open' | 'hazards_open' | 'hazards_overdue' | 'hazards_open_s1' | 'hazards_open_s2' | 'hazards_open_s3' | 'hazards_open_s4', number>;

const KEPT = 'SELECT * FROM county_stock_at($1)';
const DEFINITION = `
  WITH h AS (
    SELECT severity, deadline FROM hazard
    WHERE tstzrange(reported_at, coalesce(closed_at, 'infinity'::timestamptz), '[)') @> $1::timestamptz
  )
  SELECT (SELECT count(*) FROM dispute
          WHERE tstzrange(received_at, coalesce(concluded_at, 'infinity'::timestamptz), '[)') @> $1::timestamptz)::int AS disputes_open,
         count(*)::int AS hazards_open, count(*) FILTER (WHERE deadline < $1::timestamptz)::int AS hazards_overdue,
         count(*) FILTER (WHERE severity = 1)::int AS hazards_open_s1, count(*) FILTER (WHERE severity = 2)::int AS hazards_open_s2,
         count(*) FILTER (WHERE severity = 3)::int AS hazards_open_s3, count(*) FILTER (WHERE severity = 4)::int AS hazards_open_s4
  FROM h`;

const NONZERO = '(disputes_open, hazards_open_s1, hazards_open_s2, hazards_open_s3, hazards_open_s4, hazards_overdue) <> (0, 0, 0, 0, 0, 0)';
const UNITS = ['day', 'month', 'year'] as const;

/** The deltas summed per township and day, month and year from the raw rows, beside the kept rows (all-zero rows left out). */
const KEPT_VS_RAW = `
  WITH raw AS (
    SELECT left(x.village_code, 9) AS township_code, (x.at AT TIME ZONE 'Asia/Shanghai')::date AS day,
           x.disputes_open, x.hazards_open_s1, x.hazards_open_s2, x.hazards_open_s3, x.hazards_open_s4, x.hazards_overdue
    FROM (SELECT y.* FROM dispute d, dispute_stock_deltas(d.village_code, d.received_at, d.concluded_at, 1) y
          UNION ALL
          SELECT y.* FROM hazard h, hazard_stock_deltas(h.village_code, h.reported_at, h.closed_at, h.deadline, h.severity, 1) y) x
  ),
  ${UNITS.map(
    (u) => `raw_${u} AS (
    SELECT * FROM (
      SELECT township_code, date_trunc('${u}', day)::date AS ${u}, sum(disputes_open)::int AS disputes_open,
             sum(hazards_open_s1)::int AS hazards_open_s1, sum(hazards_open_s2)::int AS hazards_open_s2, sum(hazards_open_s3)::int AS hazards_open_s3,
             sum(hazards_open_s4)::int AS hazards_open_s4, sum(hazards_overdue)::int AS hazards_overdue
      FROM raw GROUP BY 1, 2
    ) r WHERE ${NONZERO}
  ),
  kept_${u} AS (
    SELECT township_code, ${u}, disputes_open, hazards_open_s1, hazards_open_s2, hazards_open_s3, hazards_open_s4, hazards_overdue
    FROM stock_township_${u} WHERE ${NONZERO}
  )`,
  ).join(',\n  ')}
  SELECT (SELECT count(*) FROM raw_day)::int AS days,
         ${UNITS.map(
           (u) =>
             `(SELECT count(*) FROM ((SELECT * FROM raw_${u} EXCEPT SELECT * FROM kept_${u}) UNION ALL (SELECT * FROM kept_${u} EXCEPT SELECT * FROM raw_${u})) z)::int AS ${u}_diff`,
         ).join(',\n         ')}`;

async function keptMatchesRaw(h: Handle): Promise<void> {
  const [r] = await h.query<{ days: number; day_diff: number; month_diff: number; year_diff: number }>(KEPT_VS_RAW);
  expect(r!.days).toBeGreaterThan(0);
  expect({ day_diff: r!.day_diff, month_diff: r!.month_diff, year_diff: r!.year_diff }).toEqual({ day_diff: 0, month_diff: 0, year_diff: 0 });
}

async function stockBothWays(h: Handle, at: Date): Promise<{ kept: Stock; definition: Stock }> {
  const [kept] = await h.query<Stock>(KEPT, [at.toISOString()]);
  const [definition] = await h.query<Stock>(DEFINITION, [at.toISOString()]);
  return { kept: kept!, definition: definition! };
}

/**
 * Instants that test every edge of the reading: the instants of real events (a case received, one
 * concluded, a hazard reported, closed, a late one's deadline: each counted on the right side of
 * T), Shanghai midnights, days in both halves of months and years (the two ways of reading each),
 * random instants across the history, now and after it.
 */
async function instants(h: Handle, n: number): Promise<Date[]> {
  const [e] = await h.query<Record<string, string>>(
    `SELECT (SELECT received_at FROM dispute ORDER BY received_at OFFSET 500 LIMIT 1) AS received,
            (SELECT concluded_at FROM dispute WHERE concluded_at IS NOT NULL ORDER BY concluded_at OFFSET 700 LIMIT 1) AS concluded,
            (SELECT reported_at FROM hazard ORDER BY reported_at OFFSET 900 LIMIT 1) AS reported,
            (SELECT closed_at FROM hazard WHERE closed_at IS NOT NULL ORDER BY closed_at OFFSET 1100 LIMIT 1) AS closed,
            (SELECT deadline FROM hazard WHERE closed_at > deadline ORDER BY deadline OFFSET 40 LIMIT 1) AS late_deadline,
            (SELECT deadline FROM hazard WHERE closed_at IS NULL ORDER BY deadline LIMIT 1) AS open_deadline`,
  );
  const events = Object.values(e!)
    .filter((x): x is string => x !== null)
    .map((x) => new Date(x));
  expect(events.length).toBe(6);
  const shanghai = (y: number, m: number, d: number, hour = 0) => new Date(Date.UTC(y, m - 1, d, hour - 8));
  // both halves of a month (its days, or its month row less the later days) and of a year (its months, or its year row less the later months)
  const edges = [
    ...[
      [2025, 3, 1],
      [2025, 3, 1, 13],
      [2025, 4, 16, 9],
      [2025, 4, 17, 2],
      [2025, 5, 31, 18],
    ],
    ...[
      [2024, 12, 31, 23],
      [2025, 1, 1],
      [2025, 6, 30, 20],
      [2025, 7, 1, 1],
      [2025, 8, 17, 8],
      [2026, 1, 1],
      [2026, 1, 20, 5],
    ],
  ].map(([y, m, d, hour]) => shanghai(y!, m!, d!, hour));
  const r = random(20);
  const start = shanghai(2024, 1, 2).getTime();
  const drawn = Array.from({ length: n }, () => new Date(start + r() * (t.now.getTime() - start)));
  return [...events, ...events.map((x) => new Date(x.getTime() - 1)), ...edges, ...drawn, t.now, new Date(t.now.getTime() + 40 * DAY)];
}

function countyFilter(ref: Date): CaseFilter {
  const period = { from: '', to: '', start: new Date(ref.getTime() - 365 * DAY), end: new Date(ref.getTime() + 1), ref, days: 365 };
  return { period, township: null, categories: null, statuses: null, campaign: null, now: t.now };
}

describe('the county stock at an instant (migration 020)', () => {
  it('counts what the interval indexes count, at event instants, midnights, month edges and random instants', async () => {
    await t.db.read(SYSTEM, async (h) => {
      await keptMatchesRaw(h);
      let open = 0;
      for (const at of await instants(h, 24)) {
        const { kept, definition } = await stockBothWays(h, at);
        expect(kept, at.toISOString()).toEqual(definition);
        open += definition.hazards_overdue + definition.disputes_open;
      }
      expect(open).toBeGreaterThan(100);
    });
  });

  it("is what the county's summary counts at a past instant, and only the county's role reads it", async () => {
    const county: Scope = { kind: 'county' };
    // at instants the other roles read as open now plus closed since (up to 92 days back) and further back
    for (const back of [0, 2.5, 30, 100, 200, 365, 500]) {
      const ref = new Date(t.now.getTime() - back * DAY - 5 * HOUR);
      const f = countyFilter(ref);
      const asCounty = await t.db.read(county, (h) => scopeTotals(h, f, { requiredVisits: 3, silenceDays: 28 }, ref));
      const asOwner = await t.db.read(SYSTEM, (h) => scopeTotals(h, f, { requiredVisits: 3, silenceDays: 28 }, ref));
      expect(asCounty, `${back} days back`).toEqual(asOwner);
      expect(asCounty.hazards.open).toBeGreaterThan(0);
    }
    // a spoilt row shows in the county's answer (it is read from the rows) and in no other role's
    const ref = new Date(t.now.getTime() - 300 * DAY);
    const spoilt = await rolledBack(t.db, async (h) => {
      const before = await scopeTotals(h, countyFilter(ref), { requiredVisits: 3, silenceDays: 28 }, ref);
      await h.query(`UPDATE stock_township_year SET disputes_open = disputes_open + 5, hazards_open_s2 = hazards_open_s2 + 1
                     WHERE (township_code, year) = (SELECT township_code, year FROM stock_township_year ORDER BY year, township_code LIMIT 1)`);
      const owner = await scopeTotals(h, countyFilter(ref), { requiredVisits: 3, silenceDays: 28 }, ref);
      await h.exec('SAVEPOINT county');
      await applyScope(h, county, 60_000);
      const asCounty = await scopeTotals(h, countyFilter(ref), { requiredVisits: 3, silenceDays: 28 }, ref);
      await h.exec('ROLLBACK TO SAVEPOINT county');
      return { before, owner, asCounty };
    });
    expect(spoilt.owner).toEqual(spoilt.before);
    expect(spoilt.asCounty.disputes.open).toBe(spoilt.before.disputes.open + 5);
    expect(spoilt.asCounty.hazards.bySeverity[2]).toBe(spoilt.before.hazards.bySeverity[2] + 1);
    expect(spoilt.asCounty.hazards.open).toBe(spoilt.before.hazards.open + 1);
  });

  it('stays equal to the raw rows through inserts, closings (late, on time, at the deadline), changes of every counted column, reopenings, moves, deletes and truncates', async () => {
    await rolledBack(t.db, async (h) => {
      const [v] = await h.query<{ code: string; other: string }>(
        `SELECT min(code) AS code, (SELECT min(code) FROM village WHERE township_code <> (SELECT township_code FROM village ORDER BY code LIMIT 1)) AS other FROM village`,
      );
      const at = new Date(t.now.getTime() - 200 * DAY - 7 * HOUR);
      // a Shanghai midnight 20 days later: cases received, reported and closed exactly at one
      const midnight = new Date(Math.floor((at.getTime() + 8 * HOUR) / DAY) * DAY + 20 * DAY - 8 * HOUR);
      await h.query(
        `INSERT INTO dispute (id, category, channel, status, village_code, received_at, geom)
           SELECT 'DSTOCK' || g, '邻里纠纷', '综治中心', '受理', $1, $2::timestamptz + g * interval '9 hours', label_point
           FROM village, generate_series(1, 4) g WHERE code = $1`,
        [v!.code, at.toISOString()],
      );
      await h.query(
        `INSERT INTO hazard (id, category, severity, department, status, village_code, reported_at, deadline, geom)
           SELECT 'HSTOCK' || g, '消防', 1 + g % 4, '消防救援大队', '上报', $1, $2::timestamptz + g * interval '5 hours',
                  $2::timestamptz + g * interval '5 hours' + interval '3 days', label_point
           FROM village, generate_series(1, 6) g WHERE code = $1`,
        [v!.code, at.toISOString()],
      );
      const close = (id: string, after: string) =>
        h.query(`UPDATE hazard SET status = '已办结', routed_at = reported_at, started_at = reported_at, closed_at = reported_at + $2::interval WHERE id = $1`, [id, after]);
      // closed in time, closed late across a month's end, closed the same day it fell due
      await close('HSTOCK1', '1 day');
      await close('HSTOCK2', '45 days');
      await close('HSTOCK3', '3 days 2 hours');
      // one reported at a midnight and closed exactly at its deadline, another midnight: not late
      await h.query(
        `INSERT INTO hazard (id, category, severity, department, status, village_code, reported_at, deadline, geom)
           SELECT 'HSTOCK7', '交通', 3, '交警大队', '上报', $1, $2::timestamptz, $2::timestamptz + interval '2 days', label_point FROM village WHERE code = $1`,
        [v!.code, midnight.toISOString()],
      );
      await close('HSTOCK7', '2 days');
      await h.query(
        `INSERT INTO dispute (id, category, channel, status, village_code, received_at, geom)
           SELECT 'DSTOCK5', '劳资', '综治中心', '受理', $1, $2::timestamptz, label_point FROM village WHERE code = $1`,
        [v!.code, midnight.toISOString()],
      );
      await h.query(`UPDATE dispute SET status = '调解成功', mediation_started_at = received_at, concluded_at = received_at + interval '33 days' WHERE id = 'DSTOCK1'`);
      await keptMatchesRaw(h);
      // a severity raised, deadlines moved past the closing (no longer late), reopened, moved to another township, deleted
      await h.query(`UPDATE hazard SET severity = 4 WHERE id IN ('HSTOCK2', 'HSTOCK4')`);
      const moved = (await h.query<{ at: string }>(`SELECT deadline AS at FROM hazard WHERE id IN ('HSTOCK2', 'HSTOCK3')`)).map((r) => new Date(r.at));
      await h.query(`UPDATE hazard SET deadline = closed_at + interval '1 hour' WHERE id IN ('HSTOCK2', 'HSTOCK3')`);
      await h.query(`UPDATE hazard SET status = '处置中', closed_at = NULL WHERE id = 'HSTOCK1'`);
      await h.query(`UPDATE hazard SET village_code = $1 WHERE id = 'HSTOCK5'`, [v!.other]);
      await h.query(`UPDATE dispute SET village_code = $1 WHERE id = 'DSTOCK1'`, [v!.other]);
      await h.query(`DELETE FROM hazard WHERE id = 'HSTOCK6'`);
      await h.query(`DELETE FROM dispute WHERE id = 'DSTOCK2'`);
      // received and reported earlier, nothing else changed
      await h.query(`UPDATE hazard SET reported_at = reported_at - interval '40 days' WHERE id = 'HSTOCK4'`);
      await h.query(`UPDATE dispute SET received_at = received_at - interval '35 days' WHERE id = 'DSTOCK3'`);
      // a campaign tag changes no counted column: no deltas
      await h.query(`UPDATE hazard SET campaigns = campaigns || 'stocktest'::text WHERE id LIKE 'HSTOCK%'`);
      await keptMatchesRaw(h);
      // at, just before and an hour after each instant of the cases written (before the deadline
      // moved too: a day's rows can hide a change whose deltas cancel within the day)
      const marks = await h.query<{ at: string }>(
        `SELECT unnest(ARRAY[reported_at, deadline, closed_at]) AS at FROM hazard WHERE id LIKE 'HSTOCK%'
         UNION SELECT unnest(ARRAY[received_at, concluded_at]) FROM dispute WHERE id LIKE 'DSTOCK%'
         UNION SELECT unnest($1::timestamptz[])`,
        [[at, ...moved].map((x) => x.toISOString())],
      );
      expect(marks.length).toBeGreaterThan(15);
      for (const m of marks.filter((x) => x.at !== null)) {
        for (const dt of [0, -1, HOUR]) {
          const when = new Date(new Date(m.at).getTime() + dt);
          const { kept, definition } = await stockBothWays(h, when);
          expect(kept, when.toISOString()).toEqual(definition);
        }
      }
      // a whole table emptied: the TRUNCATE triggers rebuild
      await h.exec('TRUNCATE status_change, hazard');
      await keptMatchesRaw(h);
      const [left] = await h.query<{ n: number }>('SELECT count(*)::int AS n FROM stock_township_day WHERE hazards_open_s1 <> 0 OR hazards_overdue <> 0');
      expect(left!.n).toBe(0);
      await h.exec('TRUNCATE dispute');
      const [none] = await h.query<{ n: number }>('SELECT count(*)::int AS n FROM stock_township_year');
      expect(none!.n).toBe(0);
    });
  });

  it("lets an intake wait for a ledger import of its township in another month of the year, without a deadlock (the year's row is locked first)", async () => {
    const [a, b] = (await t.db.read(SYSTEM, (h) => h.query<{ code: string }>('SELECT code FROM village WHERE township_code = $1 ORDER BY code LIMIT 2', [townships[1]]))).map(
      (r) => r.code,
    );
    // The import writes March, waits, then December; the intake writes December meanwhile. Were the
    // year's row locked after the months' (the flows' triggers first), the intake would hold
    // December's rows and wait for the year's, which the import holds while its next statement waits
    // for December's: a deadlock, one of them failed.
    await importMeetsIntake(
      t.db,
      hazardInsert('HYEAR1', a!, '2025-03-10T10:00:00+08:00'),
      hazardInsert('HYEAR2', b!, '2025-12-10T10:00:00+08:00'),
      hazardInsert('HYEAR3', b!, '2025-12-10T11:00:00+08:00'),
      ['HYEAR1', 'HYEAR2', 'HYEAR3'],
      () => t.db.read(SYSTEM, keptMatchesRaw),
    );
  });

  it('is rebuilt from the raw rows by case_stock_rebuild(), and neither written nor rebuilt by the request roles', async () => {
    await rolledBack(t.db, async (h) => {
      await h.query(`UPDATE stock_township_month SET hazards_overdue = hazards_overdue + 3`);
      await h.query(`DELETE FROM stock_township_day WHERE day > (SELECT min(day) + 30 FROM stock_township_day)`);
      const at = new Date(t.now.getTime() - 250 * DAY);
      const spoilt = await stockBothWays(h, at);
      expect(spoilt.kept).not.toEqual(spoilt.definition);
      await h.query('SELECT case_stock_rebuild()');
      await keptMatchesRaw(h);
      const mended = await stockBothWays(h, at);
      expect(mended.kept).toEqual(mended.definition);
    });
    for (const scope of [{ kind: 'county' }, { kind: 'township', township: townships[0]! }] as Scope[]) {
      await expect(t.db.write(scope, (h) => h.query(`UPDATE stock_township_day SET disputes_open = 99`))).rejects.toThrow(/permission denied/);
      await expect(t.db.write(scope, (h) => h.query(`SELECT case_stock_rebuild()`))).rejects.toThrow(/permission denied/);
      // nor the upsert the triggers call (not granted to them, and the tables it writes are not theirs to write)
      await expect(t.db.write(scope, (h) => h.query(`SELECT stock_apply(ARRAY[]::stock_delta[])`))).rejects.toThrow(/permission denied/);
      for (const fn of ['dispute_stock_rollup', 'hazard_stock_rollup']) {
        await expect(
          t.db.write(scope, async (h) => {
            await h.query(`CREATE TEMP TABLE fake (LIKE ${fn.replace('_stock_rollup', '')}) ON COMMIT DROP`);
            await h.query(`CREATE TRIGGER fake_stock AFTER INSERT ON fake REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ${fn}()`);
          }),
        ).rejects.toThrow(/permission denied/);
      }
    }
    // a chief sees their township's rows, an officer of some villages none
    const township = townships[2]!;
    const seen = await t.db.read({ kind: 'township', township }, (h) => h.query<{ township_code: string }>('SELECT DISTINCT township_code FROM stock_township_month'));
    expect(seen.map((r) => r.township_code)).toEqual([township]);
    const [village] = await t.db.read(SYSTEM, (h) => h.query<{ code: string }>('SELECT min(code) AS code FROM village WHERE township_code = $1', [township]));
    const officer = await t.db.read({ kind: 'villages', township, villages: [village!.code] }, (h) =>
      h.query('SELECT 1 FROM stock_township_day UNION ALL SELECT 1 FROM stock_township_month'),
    );
    expect(officer).toEqual([]);
  });
});
