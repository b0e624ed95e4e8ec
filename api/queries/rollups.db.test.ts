import { beforeAll, describe, expect, it } from 'vitest';
import { DISPUTE_CATEGORIES, DISPUTE_STATUSES, HAZARD_CATEGORIES, HAZARD_STATUSES } from '../contract/enums.ts';
import type { Handle, Scope } from '../db/index.ts';
import { SYSTEM } from '../db/types.ts';
import { hazardInsert, importMeetsIntake } from '../test/import-meets-intake.ts';
import { rolledBack } from '../test/rollback.ts';
import { type TestDb, testDb, townshipCodes } from '../test/test-db.ts';
import { random, type Window, windows as windowsOf } from '../test/windows.ts';
import { sqlFile } from './sql.ts';

// Migration 009: village_metrics reads its flows from case_day/case_month when nothing filters
// the cases. A filter naming every category and status selects the same cases through the raw
// rows, so the two calls must agree row for row, for any period, cut and scope.
const ALL_CATEGORIES = [...DISPUTE_CATEGORIES, ...HAZARD_CATEGORIES];
const ALL_STATUSES = [...DISPUTE_STATUSES, ...HAZARD_STATUSES];
const DAY = 86_400_000;

let t: TestDb;
let townships: string[];

beforeAll(async () => {
  t = await testDb();
  townships = await townshipCodes(t.db);
});

const METRICS = `SELECT * FROM village_metrics(p_from => $1, p_to => $2, p_ref => $3, p_required => 3, p_township => $4,
                                            p_silence_days => 28, p_categories => $5, p_statuses => $6) ORDER BY village_code`;

async function bothPaths(h: Handle, w: Window) {
  const args = [w.from.toISOString(), w.to.toISOString(), w.ref.toISOString(), w.township];
  const rolled = await h.query(METRICS, [...args, null, null]);
  const raw = await h.query(METRICS, [...args, ALL_CATEGORIES, ALL_STATUSES]);
  return { rolled, raw };
}

/**
 * The case rollup rows the raw rows make (the rebuild's definition), beside those kept in `day` and
 * `month`, all-zero rows left out; `key` is the rows' key made from a case's village_code, `as` its
 * column (the villages' rows of 009, the townships' of 018).
 */
const caseKeptVsRaw = (key: string, as: string, day: string, month: string) => `
  WITH raw AS (
    SELECT ${key} AS ${as}, (x.at AT TIME ZONE 'Asia/Shanghai')::date AS day,
           sum(x.disputes_received)::int AS dr, sum(x.disputes_concluded)::int AS dc,
           sum(x.disputes_successful)::int AS ds, sum(x.hazards_reported)::int AS hr
    FROM (SELECT y.* FROM dispute d, dispute_case_deltas(d.village_code, d.received_at, d.concluded_at, d.status, 1) y
          UNION ALL SELECT y.* FROM hazard h, hazard_case_deltas(h.village_code, h.reported_at, 1) y) x
    GROUP BY 1, 2
  ),
  kept AS (
    SELECT ${as}, day, disputes_received AS dr, disputes_concluded AS dc, disputes_successful AS ds, hazards_reported AS hr
    FROM ${day} WHERE (disputes_received, disputes_concluded, disputes_successful, hazards_reported) <> (0, 0, 0, 0)
  ),
  months AS (
    SELECT ${as}, date_trunc('month', day)::date AS month, sum(dr)::int AS dr, sum(dc)::int AS dc, sum(ds)::int AS ds, sum(hr)::int AS hr
    FROM raw GROUP BY 1, 2
  ),
  kept_months AS (
    SELECT ${as}, month, disputes_received AS dr, disputes_concluded AS dc, disputes_successful AS ds, hazards_reported AS hr
    FROM ${month} WHERE (disputes_received, disputes_concluded, disputes_successful, hazards_reported) <> (0, 0, 0, 0)
  )
  SELECT (SELECT count(*) FROM raw)::int AS days,
         (SELECT count(*) FROM ((SELECT * FROM raw EXCEPT SELECT * FROM kept) UNION ALL (SELECT * FROM kept EXCEPT SELECT * FROM raw)) z)::int AS day_diff,
         (SELECT count(*) FROM ((SELECT * FROM months EXCEPT SELECT * FROM kept_months) UNION ALL (SELECT * FROM kept_months EXCEPT SELECT * FROM months)) z)::int AS month_diff`;
const KEPT_VS_RAW = caseKeptVsRaw('x.village_code', 'village_code', 'case_day', 'case_month');
const TOWNSHIP_KEPT_VS_RAW = caseKeptVsRaw('left(x.village_code, 9)', 'township_code', 'case_township_day', 'case_township_month');

/** The same for the visits per officer and village. */
const VISITS_KEPT_VS_RAW = `
  WITH raw AS (
    SELECT officer_id, village_code, (visited_at AT TIME ZONE 'Asia/Shanghai')::date AS day, count(*)::int AS n FROM visit GROUP BY 1, 2, 3
  ),
  kept AS (SELECT officer_id, village_code, day, visits AS n FROM visit_day WHERE visits <> 0),
  months AS (SELECT officer_id, village_code, date_trunc('month', day)::date AS month, sum(n)::int AS n FROM raw GROUP BY 1, 2, 3),
  kept_months AS (SELECT officer_id, village_code, month, visits AS n FROM visit_month WHERE visits <> 0)
  SELECT (SELECT count(*) FROM raw)::int AS days,
         (SELECT count(*) FROM ((SELECT * FROM raw EXCEPT SELECT * FROM kept) UNION ALL (SELECT * FROM kept EXCEPT SELECT * FROM raw)) z)::int AS day_diff,
         (SELECT count(*) FROM ((SELECT * FROM months EXCEPT SELECT * FROM kept_months) UNION ALL (SELECT * FROM kept_months EXCEPT SELECT * FROM months)) z)::int AS month_diff`;

async function keptMatchesRaw(h: Handle): Promise<void> {
  for (const sql of [KEPT_VS_RAW, VISITS_KEPT_VS_RAW, TOWNSHIP_KEPT_VS_RAW]) {
    const [r] = await h.query<{ days: number; day_diff: number; month_diff: number }>(sql);
    expect(r!.days).toBeGreaterThan(0);
    expect({ day_diff: r!.day_diff, month_diff: r!.month_diff }).toEqual({ day_diff: 0, month_diff: 0 });
  }
}

describe('rollups (migration 009)', () => {
  it('answer like the raw rows for random periods, cuts and scopes', async () => {
    // and the live views' window: the running week as of now, the county's open stock then read as
    // open now plus closed since (migration 018) on the rolled-up side, through the interval indexes on the raw one
    const live: Window = { from: new Date(t.now.getTime() - 7 * DAY), to: new Date(t.now.getTime() + 1), ref: t.now, township: null };
    const ws = [live, ...windowsOf(24, t.now, townships)];
    await t.db.read(SYSTEM, async (h) => {
      let counted = 0;
      for (const w of ws) {
        const { rolled, raw } = await bothPaths(h, w);
        expect(rolled.length, JSON.stringify(w)).toBe(raw.length);
        expect(rolled, JSON.stringify(w)).toEqual(raw);
        counted += rolled.reduce((s, v) => s + Number(v.disputes) + Number(v.hazards) + Number(v.disputes_concluded), 0);
      }
      // the periods reach into the seeded history: the comparison is not between empty answers
      expect(counted).toBeGreaterThan(1000);
    });
  });

  it('answer a township as they answer the county for its villages (migration 010: a township reads its own rows)', async () => {
    const r = random(10);
    await t.db.read(SYSTEM, async (h) => {
      let open = 0;
      for (const [i, w] of windowsOf(14, t.now, townships).entries()) {
        const township = townships[Math.floor(r() * townships.length)]!;
        // filtered or not: the township's own branches of both the rolled-up and the raw paths
        const filter = i % 2 === 0 ? [null, null] : [ALL_CATEGORIES, ALL_STATUSES];
        const args = [w.from.toISOString(), w.to.toISOString(), w.ref.toISOString()];
        const own = await h.query<Record<string, unknown>>(METRICS, [...args, township, ...filter]);
        const county = await h.query<Record<string, unknown>>(METRICS, [...args, null, ...filter]);
        const label = JSON.stringify({ ...w, township, filtered: i % 2 === 1 });
        expect(own.length, label).toBeGreaterThan(0);
        expect(own, label).toEqual(county.filter((v) => v.township_code === township));
        open += own.reduce((n, v) => n + Number(v.disputes_open) + Number(v.hazards_open), 0);
      }
      // the windows reach back to when cases were open in these townships: not a comparison of zeros
      expect(open).toBeGreaterThan(50);
    });
  });

  it("read a township's sums the same under its chief's and an officer's row-level security as for the county (migration 018)", async () => {
    const SUMS = [`SELECT * FROM case_flow_sums($1, $2, $3) ORDER BY village_code`, `SELECT * FROM visit_flow_sums($1, $2, $3) ORDER BY officer_id, village_code`];
    let compared = 0;
    for (const w of windowsOf(14, t.now, townships, 18)) {
      const township = w.township ?? townships[1]!;
      const args = [w.from.toISOString(), w.to.toISOString(), township];
      const [mine] = await t.db.read(SYSTEM, (h) =>
        h.query<{ codes: string[] }>('SELECT array_agg(code ORDER BY code) AS codes FROM village WHERE township_code = $1', [township]),
      );
      const some = mine!.codes.filter((_, i) => i % 3 === 0);
      for (const sql of SUMS) {
        // the county's statement (the township indexes) against the scoped one (the villages' indexes)
        const county = await t.db.read({ kind: 'county' }, (h) => h.query<{ village_code: string }>(sql, args));
        const chief = await t.db.read({ kind: 'township', township }, (h) => h.query(sql, args));
        expect(chief, `${sql} ${JSON.stringify(w)}`).toEqual(county);
        const officer = await t.db.read({ kind: 'villages', township, villages: some }, (h) => h.query(sql, args));
        expect(officer, `${sql} ${JSON.stringify(w)}`).toEqual(county.filter((r) => some.includes(r.village_code)));
        compared += county.length;
      }
    }
    expect(compared).toBeGreaterThan(100);
  });

  it('give each officer the same rhythm whichever township asks (officer_visit_sums)', async () => {
    await t.db.read(SYSTEM, async (h) => {
      for (const [i, township] of townships.slice(0, 6).entries()) {
        const b = new Date(t.now.getTime() - i * 37 * DAY - i * 3_600_000);
        const args = [new Date(b.getTime() - 182 * DAY + 1).toISOString(), b.toISOString()];
        const own = await h.query<{ officer_id: string; visits: number }>('SELECT * FROM officer_visit_sums($1, $2, $3) ORDER BY 1', [...args, township]);
        const all = await h.query<{ officer_id: string; visits: number }>('SELECT * FROM officer_visit_sums($1, $2, NULL) ORDER BY 1', args);
        const mine = await h.query<{ id: string }>('SELECT id FROM officer WHERE left(village_code, 9) = $1', [township]);
        const ids = new Set(mine.map((o) => o.id));
        expect(own.length, township).toBeGreaterThan(0);
        expect(own, township).toEqual(all.filter((o) => ids.has(o.officer_id)));
      }
    });
  });

  it('sum visits like the raw rows for any window, midnight or not (the quarter so far, the 182-day rhythm)', async () => {
    const r = random(182);
    await t.db.read(SYSTEM, async (h) => {
      let counted = 0;
      for (let i = 0; i < 16; i++) {
        const b = new Date(t.now.getTime() - Math.floor(r() * 700 * DAY));
        const a = new Date(b.getTime() - [182 * DAY + 1, 40 * DAY, 3 * DAY + 7, 5 * 3600_000][i % 4]!);
        const township = i % 5 === 4 ? townships[i % townships.length]! : null;
        const args = [a.toISOString(), b.toISOString(), township];
        const rolled = await h.query(`SELECT officer_id, village_code, visits FROM visit_flow_sums($1, $2, $3) ORDER BY 1, 2`, args);
        const raw = await h.query(
          `SELECT officer_id, village_code, count(*)::int AS visits FROM visit
            WHERE visited_at >= $1 AND visited_at < $2 AND ($3::text IS NULL OR left(village_code, 9) = $3)
            GROUP BY 1, 2 HAVING count(*) > 0 ORDER BY 1, 2`,
          args,
        );
        expect(rolled, JSON.stringify(args)).toEqual(raw);
        counted += raw.length;
      }
      expect(counted).toBeGreaterThan(500);
    });
  });

  it('draw the trend like the raw rows, by week and by month, for the county, a chief and an officer of some villages', async () => {
    const trendSql = sqlFile(import.meta.url, 'trend.sql');
    const r = random(52);
    const iso = (d: Date) => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
    // the county and a chief read the townships' rows (018), an officer of some villages the
    // villages' rows under row-level security: each must be what the raw rows say in that scope
    const [o] = await t.db.read(SYSTEM, (h) =>
      h.query<{ township: string; village: string }>(`SELECT left(village_code, 9) AS township, village_code AS village FROM officer ORDER BY id LIMIT 1`),
    );
    const scopes: Scope[] = [SYSTEM, { kind: 'county' }, { kind: 'township', township: o!.township }, { kind: 'villages', township: o!.township, villages: [o!.village] }];
    // every scope by week and by month, over windows from under a month to a year
    const cases = scopes.flatMap((scope) => (['month', 'week'] as const).flatMap((interval) => [6, 45, 120, 364].map((days) => ({ scope, interval, days }))));
    let nonEmpty = 0;
    for (const [i, { scope, interval, days }] of cases.entries()) {
      const to = new Date(t.now.getTime() - Math.floor(r() * 500) * DAY);
      const from = new Date(to.getTime() - days * DAY);
      // the county's and the system's views whole, and now and then one township of them
      const township = scope.kind === 'township' || scope.kind === 'villages' ? scope.township : i % 3 === 1 ? townships[i % townships.length]! : null;
      const args = [iso(from), iso(to), interval, township];
      const { rolled, raw, visits } = await t.db.read(scope, async (h) => ({
        rolled: await h.query<{ disputes: number; hazards: number; visits: number }>(trendSql, [...args, null, null, null]),
        raw: await h.query<{ disputes: number; hazards: number; visits: number }>(trendSql, [...args, ALL_CATEGORIES, ALL_STATUSES, null]),
        visits: await h.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM visit WHERE visited_at >= $1::date::timestamp AT TIME ZONE 'Asia/Shanghai'
              AND visited_at < ($2::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai' AND ($3::text IS NULL OR left(village_code, 9) = $3)`,
          [iso(from), iso(to), township],
        ),
      }));
      const what = JSON.stringify({ scope, args });
      expect(rolled, what).toEqual(raw);
      expect(
        rolled.reduce((n, b) => n + b.visits, 0),
        what,
      ).toBe(visits[0]!.n);
      if (rolled.some((b) => b.disputes + b.hazards > 0)) nonEmpty++;
    }
    expect(nonEmpty).toBeGreaterThan(24);
  });

  it('stay equal to the raw rows through inserts, status changes, moves, tags and deletes', async () => {
    await rolledBack(t.db, async (h) => {
      await keptMatchesRaw(h);
      const [v] = await h.query<{ code: string; other: string }>(`SELECT min(code) AS code, max(code) AS other FROM village`);
      const at = new Date(t.now.getTime() - 3 * DAY).toISOString();
      await h.query(
        `INSERT INTO dispute (id, category, channel, status, village_code, received_at, geom)
           SELECT 'DROLL' || g, '邻里纠纷', '综治中心', '受理', $1, $2::timestamptz + g * interval '7 hours', label_point
           FROM village, generate_series(1, 5) g WHERE code = $1`,
        [v!.code, at],
      );
      await h.query(
        `INSERT INTO hazard (id, category, severity, department, status, village_code, reported_at, deadline, geom)
           SELECT 'HROLL' || g, '消防', 2, '消防救援大队', '上报', $1, $2::timestamptz + g * interval '5 hours',
                  $2::timestamptz + interval '30 days', label_point
           FROM village, generate_series(1, 4) g WHERE code = $1`,
        [v!.code, at],
      );
      const [o] = await h.query<{ id: string; village: string }>(`SELECT id, village_code AS village FROM officer ORDER BY id LIMIT 1`);
      await h.query(
        `INSERT INTO visit (id, officer_id, village_code, kind, visited_at, geom)
           SELECT 'VROLL' || g, $1, code, '走访', $3::timestamptz + g * interval '11 hours', label_point
           FROM village, generate_series(1, 4) g WHERE code = $2`,
        [o!.id, o!.village, at],
      );
      await keptMatchesRaw(h);
      await h.query(`UPDATE visit SET visited_at = visited_at - interval '33 days' WHERE id = 'VROLL1'`);
      await h.query(`DELETE FROM visit WHERE id = 'VROLL2'`);
      await keptMatchesRaw(h);
      // concluded across midnight and a month's end from where they were received
      await h.query(
        `UPDATE dispute SET status = '调解成功', mediation_started_at = received_at, concluded_at = received_at + interval '40 days'
          WHERE id IN ('DROLL1', 'DROLL2')`,
      );
      await h.query(
        `UPDATE dispute SET status = '移交诉讼', mediation_started_at = received_at, concluded_at = received_at + interval '2 hours'
          WHERE id = 'DROLL3'`,
      );
      await keptMatchesRaw(h);
      // reopened (an outcome corrected), moved to another village, tagged, deleted
      await h.query(`UPDATE dispute SET status = '调处中', concluded_at = NULL WHERE id = 'DROLL1'`);
      await h.query(`UPDATE dispute SET village_code = $1, geom = (SELECT label_point FROM village WHERE code = $1) WHERE id = 'DROLL2'`, [v!.other]);
      await h.query(`UPDATE hazard SET campaigns = campaigns || 'rolltest'::text WHERE id LIKE 'HROLL%'`);
      await h.query(`UPDATE hazard SET reported_at = reported_at - interval '400 days', deadline = deadline - interval '400 days' WHERE id = 'HROLL1'`);
      await h.query(`DELETE FROM hazard WHERE id = 'HROLL2'`);
      await h.query(`DELETE FROM dispute WHERE id = 'DROLL4'`);
      await keptMatchesRaw(h);
      // a whole table emptied at once: the TRUNCATE trigger rebuilds
      await h.exec('TRUNCATE status_change, hazard');
      await keptMatchesRaw(h);
      const [left] = await h.query<{ n: number }>('SELECT coalesce(sum(hazards_reported), 0)::int AS n FROM case_month');
      expect(left!.n).toBe(0);
      await h.exec('TRUNCATE visit');
      const [gone] = await h.query<{ n: number }>('SELECT count(*)::int AS n FROM visit_month');
      expect(gone!.n).toBe(0);
    });
  });

  it('are kept by a township chief’s own writes and show the chief only that township', async () => {
    const [v] = await t.db.read(SYSTEM, (h) => h.query<{ code: string; township: string }>(`SELECT code, township_code AS township FROM village ORDER BY code DESC LIMIT 1`));
    const scope: Scope = { kind: 'township', township: v!.township };
    await rolledBack(
      t.db,
      async (h) => {
        const day = new Date(t.now.getTime() - 2 * DAY).toISOString();
        const before = await h.query<{ n: number }>(
          `SELECT coalesce(sum(disputes_received), 0)::int AS n FROM case_day WHERE village_code = $1 AND day = ($2::timestamptz AT TIME ZONE 'Asia/Shanghai')::date`,
          [v!.code, day],
        );
        await h.query(
          `INSERT INTO dispute (id, category, channel, status, village_code, received_at, geom)
           SELECT 'DCHIEF1', '劳资', '综治中心', '受理', code, $2::timestamptz, label_point FROM village WHERE code = $1`,
          [v!.code, day],
        );
        const after = await h.query<{ n: number }>(
          `SELECT coalesce(sum(disputes_received), 0)::int AS n FROM case_day WHERE village_code = $1 AND day = ($2::timestamptz AT TIME ZONE 'Asia/Shanghai')::date`,
          [v!.code, day],
        );
        expect(after[0]!.n).toBe(before[0]!.n + 1);
        const seen = await h.query<{ township: string }>(`SELECT DISTINCT left(village_code, 9) AS township FROM case_month`);
        expect(seen.map((r) => r.township)).toEqual([v!.township]);
        const seenSums = await h.query<{ township: string }>(`SELECT DISTINCT township_code AS township FROM case_township_month`);
        expect(seenSums.map((r) => r.township)).toEqual([v!.township]);
        const [sums] = await h.query<{ n: number }>(
          `SELECT coalesce(sum(disputes_received), 0)::int AS n FROM case_township_day WHERE day = ($1::timestamptz AT TIME ZONE 'Asia/Shanghai')::date`,
          [day],
        );
        const [villages] = await h.query<{ n: number }>(
          `SELECT coalesce(sum(disputes_received), 0)::int AS n FROM case_day WHERE day = ($1::timestamptz AT TIME ZONE 'Asia/Shanghai')::date`,
          [day],
        );
        expect(sums!.n).toBe(villages!.n);
      },
      scope,
    );
  });

  it("show an officer of some villages no township's sums (the other villages' cases), and nobody without a scope any", async () => {
    const [v] = await t.db.read(SYSTEM, (h) =>
      h.query<{ codes: string[]; township: string }>(
        `SELECT array_agg(code ORDER BY code) AS codes, township_code AS township FROM village GROUP BY township_code ORDER BY township_code LIMIT 1`,
      ),
    );
    const officer: Scope = { kind: 'villages', township: v!.township, villages: v!.codes.slice(0, 2) };
    for (const scope of [officer, { kind: 'none' }] as Scope[]) {
      const [n] = await t.db.read(scope, (h) =>
        h.query<{ d: number; m: number }>(`SELECT (SELECT count(*) FROM case_township_day)::int AS d, (SELECT count(*) FROM case_township_month)::int AS m`),
      );
      expect(n, scope.kind).toEqual({ d: 0, m: 0 });
    }
    // the officer's own villages' rows they do see
    const [own] = await t.db.read(officer, (h) => h.query<{ n: number }>(`SELECT count(*)::int AS n FROM case_day`));
    expect(own!.n).toBeGreaterThan(0);
  });

  it("lets an intake wait for a ledger import of its township, without a deadlock (the township's rows are locked first, 018)", async () => {
    const [a, b] = (await t.db.read(SYSTEM, (h) => h.query<{ code: string }>('SELECT code FROM village WHERE township_code = $1 ORDER BY code LIMIT 2', [townships[0]]))).map(
      (r) => r.code,
    );
    const at = new Date(t.now.getTime() - 2 * DAY).toISOString();
    // The import writes a, waits, then b; the intake writes b meanwhile. Had the village rows been
    // locked first, the intake would hold b's and wait for the township's, which the import holds
    // while its next statement waits for b's: a deadlock, one of them failed.
    await importMeetsIntake(t.db, hazardInsert('HDEAD1', a!, at), hazardInsert('HDEAD2', b!, at), hazardInsert('HDEAD3', b!, at), ['HDEAD1', 'HDEAD2', 'HDEAD3'], () =>
      t.db.read(SYSTEM, keptMatchesRaw),
    );
  });

  it('cannot be written or rebuilt by the request roles', async () => {
    for (const scope of [{ kind: 'county' }, { kind: 'township', township: townships[0]! }] as Scope[]) {
      await expect(t.db.write(scope, (h) => h.query(`UPDATE case_day SET disputes_received = 99`))).rejects.toThrow(/permission denied/);
      await expect(t.db.write(scope, (h) => h.query(`SELECT case_rollup_rebuild()`))).rejects.toThrow(/permission denied/);
      await expect(t.db.write(scope, (h) => h.query(`DELETE FROM visit_day`))).rejects.toThrow(/permission denied/);
      await expect(t.db.write(scope, (h) => h.query(`UPDATE case_township_day SET disputes_received = 99`))).rejects.toThrow(/permission denied/);
      await expect(t.db.write(scope, (h) => h.query(`SELECT case_township_fill()`))).rejects.toThrow(/permission denied/);
      // the owner's trigger functions, attached to a table of the caller's own making, would write as the owner
      for (const fn of ['dispute_rollup', 'hazard_rollup', 'visit_rollup']) {
        await expect(
          t.db.write(scope, async (h) => {
            await h.query(`CREATE TEMP TABLE fake (LIKE ${fn.replace('_rollup', '')}) ON COMMIT DROP`);
            await h.query(`CREATE TRIGGER fake_rollup AFTER INSERT ON fake REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ${fn}()`);
          }),
        ).rejects.toThrow(/permission denied/);
      }
    }
  });

  it('are rebuilt from the raw rows by case_rollup_rebuild()', async () => {
    await rolledBack(t.db, async (h) => {
      const year: Window = { from: new Date(t.now.getTime() - 400 * DAY), to: t.now, ref: new Date(t.now.getTime() - 1), township: null };
      await h.query(`UPDATE case_month SET disputes_received = disputes_received + 7`);
      await h.query(`UPDATE visit_month SET visits = visits + 2`);
      await h.query(`DELETE FROM case_day WHERE day > (SELECT min(day) + 30 FROM case_day)`);
      // the default view reads the rollups: spoilt, they answer differently from the raw rows
      const spoilt = await bothPaths(h, year);
      expect(spoilt.rolled).not.toEqual(spoilt.raw);
      await h.query('SELECT case_rollup_rebuild(), visit_rollup_rebuild()');
      await keptMatchesRaw(h);
      const mended = await bothPaths(h, year);
      expect(mended.rolled).toEqual(mended.raw);
    });
  });
});
