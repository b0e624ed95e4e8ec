import { beforeAll, describe, expect, it } from 'vitest';
import { addDays, quarterStart, shanghaiDate, startOfDay } from '../contract/calendar.ts';
import type { Handle } from '../db/index.ts';
import { applyScope } from '../db/scope.ts';
import { SYSTEM } from '../db/types.ts';
import { rolledBack } from '../test/rollback.ts';
import { type TestDb, testDb } from '../test/test-db.ts';
import { instantsOf, keptDays, random } from '../test/windows.ts';

// Migration 015: the county's coverage and silence read a kept day (coverage_village, coverage_rhythm)
// plus the raw rows of that day; since 018 a township's too, by a statement of its own. The answer
// must be the one the rollups give (scope_coverage as 014 read it, which summary.db.test.ts holds to
// village_metrics), at every instant of a kept day, for any silence window, and after any write.
const DAY = 86_400_000;
const COVERAGE = 'SELECT villages, met, at_risk, missed, silent FROM scope_coverage($1, $2, $3, $4)';
type Coverage = { villages: number; met: number; at_risk: number; missed: number; silent: number };

let t: TestDb;
beforeAll(async () => {
  t = await testDb();
});

/** The answer read from the kept day, and the one without it (the day dropped inside a savepoint). */
async function bothWays(h: Handle, at: Date, silenceDays: number, required = 3, township: string | null = null): Promise<{ kept: Coverage; raw: Coverage }> {
  const args = [at.toISOString(), required, township, silenceDays];
  const [kept] = await h.query<Coverage>(COVERAGE, args);
  await h.exec('SAVEPOINT unkept');
  await h.query('DELETE FROM coverage_base_day');
  const [raw] = await h.query<Coverage>(COVERAGE, args);
  await h.exec('ROLLBACK TO SAVEPOINT unkept');
  return { kept: kept!, raw: raw! };
}

async function build(h: Handle, day: string): Promise<boolean> {
  const [r] = await h.query<{ built: boolean }>('SELECT coverage_base_build($1::date) AS built', [day]);
  return r!.built;
}

/** A kept day's rows as kept, and as a build from the raw rows makes them now (inside a savepoint). */
async function keptAndRebuilt(h: Handle, day: string): Promise<{ kept: string[]; rebuilt: string[] }> {
  const rows = () =>
    h.query<{ r: string }>(
      `SELECT 'rhythm ' || officer_id || ' ' || village_code || ' ' || visits AS r FROM coverage_rhythm
        WHERE day = $1 AND visits <> 0
       UNION ALL
       SELECT 'village ' || village_code || ' ' || quarter || ' ' || coalesce(to_char(last_heard AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US'), '-')
         FROM coverage_village WHERE day = $1
       ORDER BY 1`,
      [day],
    );
  const kept = (await rows()).map((x) => x.r);
  await h.exec('SAVEPOINT rebuild');
  await h.query('DELETE FROM coverage_base_day WHERE day = $1', [day]);
  expect(await build(h, day)).toBe(true);
  const rebuilt = (await rows()).map((x) => x.r);
  await h.exec('ROLLBACK TO SAVEPOINT rebuild');
  return { kept, rebuilt };
}

describe('the kept coverage days (migration 015)', () => {
  it('answer as the rollups do at any instant of a kept day and for any silence window, for the county and a township', async () => {
    const r = random(15);
    const today = shanghaiDate(t.now);
    const days = keptDays(t.now);
    const seen = { met: 0, atRisk: 0, missed: 0, silent: 0, heard: 0 };
    const seenTownship = { ...seen };
    await rolledBack(t.db, async (h) => {
      const townships = (await h.query<{ code: string }>('SELECT code FROM township ORDER BY code')).map((x) => x.code);
      for (const day of days) {
        await build(h, day);
        for (const [i, at] of instantsOf(day, r).entries()) {
          for (const silenceDays of [1, 2, 7, 28, 57, 200]) {
            const required = [1, 3, 6][(i + silenceDays) % 3]!;
            // the county, and a township in turn (each township meets several instants and windows)
            const township = townships[(i * 6 + silenceDays) % townships.length]!;
            for (const [where, tally] of [
              [null, seen],
              [township, seenTownship],
            ] as const) {
              const { kept, raw } = await bothWays(h, at, silenceDays, required, where);
              expect(kept, `${where ?? 'county'} ${at.toISOString()} silence ${silenceDays} required ${required}`).toEqual(raw);
              tally.met += kept.met;
              tally.atRisk += kept.at_risk;
              tally.missed += kept.missed;
              tally.silent += kept.silent;
              tally.heard += kept.villages - kept.silent;
            }
          }
        }
      }
      // a build keeps at most six days, the last built, and none built more than 36 hours before
      const more = [addDays(today, -60), addDays(today, -90)].filter((d) => !days.includes(d));
      for (const d of more) await build(h, d);
      const built = [...days, ...more];
      const kept = async () => (await h.query<{ day: string }>(`SELECT to_char(day, 'YYYY-MM-DD') AS day FROM coverage_base_day ORDER BY built_at`)).map((x) => x.day);
      expect(await kept()).toEqual(built.slice(-6));
      await h.query(`UPDATE coverage_base_day SET built_at = built_at - interval '37 hours' WHERE day = $1`, [built.at(-1)]);
      expect(await build(h, today)).toBe(true);
      expect(await kept()).toEqual([...built.slice(-6, -1), today]);
    });
    // not a comparison of zeros
    for (const [k, n] of Object.entries(seen)) expect(n, k).toBeGreaterThan(100);
    for (const [k, n] of Object.entries(seenTownship)) expect(n, `township ${k}`).toBeGreaterThan(10);
  });

  it('are what the answer is read from, at any instant of the day and for any silence window', async () => {
    const today = shanghaiDate(t.now);
    let grew = 0;
    let grewTownship = 0;
    await rolledBack(t.db, async (h) => {
      // the township with the most villages: the spoilt rows show in its answer too
      const sql = 'SELECT township_code AS code FROM village GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1';
      const busiest = (await h.query<{ code: string }>(sql))[0]!.code;
      for (const day of [today, addDays(today, -30)]) {
        await build(h, day);
        const d0 = startOfDay(day).getTime();
        for (const at of [d0, d0 + DAY / 2, d0 + DAY - 1].map((x) => new Date(x))) {
          for (const [silenceDays, township] of [
            [1, null],
            [28, null],
            [200, null],
            [28, busiest],
            [200, busiest],
          ] as const) {
            const label = `${township ?? 'county'} ${at.toISOString()} silence ${silenceDays}`;
            const before = await bothWays(h, at, silenceDays, 3, township);
            // a kept count that is wrong shows in the answer: the answer comes from it
            await h.exec('SAVEPOINT spoilt');
            await h.query('UPDATE coverage_village SET quarter = quarter + 1000, last_heard = NULL WHERE day = $1', [day]);
            await h.query('UPDATE coverage_base_day SET villages = villages + 7 WHERE day = $1', [day]);
            const after = await bothWays(h, at, silenceDays, 3, township);
            // the county's role reads the day's number of villages (019); the owner, as every other
            // role, counts the rows it sees
            await h.exec('SAVEPOINT county');
            await applyScope(h, { kind: 'county' }, 60_000);
            const [asCounty] = await h.query<Coverage>(COVERAGE, [at.toISOString(), 3, township, silenceDays]);
            await h.exec('ROLLBACK TO SAVEPOINT county');
            await h.exec('ROLLBACK TO SAVEPOINT spoilt');
            expect(after.raw, label).toEqual(before.raw);
            expect(after.kept.villages, label).toBe(before.kept.villages);
            expect(asCounty!.villages, label).toBe(before.kept.villages + (township ? 0 : 7));
            expect(after.kept.met, label).toBe(after.kept.villages);
            expect(after.kept.silent, label).toBeGreaterThanOrEqual(before.kept.silent);
            // (a day-long window late in the day has nearly every village silent already)
            if (after.kept.silent > before.kept.silent) {
              grew++;
              if (township) grewTownship++;
            }
            if (township) expect(before.kept.villages, label).toBeGreaterThan(0);
          }
        }
      }
    });
    expect(grew).toBeGreaterThanOrEqual(18);
    expect(grewTownship).toBeGreaterThanOrEqual(6);
  });

  it('stay equal to a build from the raw rows through inserts, updates, deletes and truncation', async () => {
    const today = shanghaiDate(t.now);
    const past = addDays(today, -50);
    await rolledBack(t.db, async (h) => {
      await build(h, past);
      await build(h, today);
      const [a] = await h.query<{ officer: string; village: string; other: string }>(
        `SELECT o.id AS officer, o.village_code AS village, (SELECT max(code) FROM village WHERE code <> o.village_code) AS other
           FROM officer o ORDER BY o.id LIMIT 1`,
      );
      const check = async (label: string) => {
        for (const day of [past, today]) {
          const { kept, rebuilt } = await keptAndRebuilt(h, day);
          expect(kept, `${label}, ${day}`).toEqual(rebuilt);
        }
        // the county, and the two villages' townships, at the day's midnight (where a visit sits)
        // and later in the day
        const townships = [null, a!.village.slice(0, 9), a!.other.slice(0, 9)];
        for (const day of [past, today]) {
          for (const at of [startOfDay(day).getTime(), startOfDay(day).getTime() + 11 * 3_600_000].map((x) => new Date(x))) {
            for (const township of townships) {
              const { kept, raw } = await bothWays(h, at, 3, 3, township);
              expect(kept, `${label}, ${township ?? 'county'} ${at.toISOString()}`).toEqual(raw);
            }
          }
        }
      };
      await check('as built');
      // visits on either side of each day's edges: midnight, its quarter's start, 181 days back
      const edges: string[] = [];
      for (const day of [past, today]) {
        const d0 = startOfDay(day).getTime();
        const q0 = startOfDay(quarterStart(day)).getTime();
        const r0 = d0 - 181 * DAY;
        for (const x of [d0 - 1, d0, q0 - 1, q0, r0 - 1, r0, r0 - DAY / 2]) edges.push(new Date(x).toISOString());
      }
      await h.query(
        `INSERT INTO visit (id, officer_id, village_code, kind, visited_at, geom)
           SELECT 'VCB' || i, $1, CASE WHEN i % 3 = 0 THEN $3 ELSE $2 END, '走访', at, (SELECT label_point FROM village WHERE code = $2)
           FROM unnest($4::timestamptz[]) WITH ORDINALITY e(at, i)`,
        [a!.officer, a!.village, a!.other, edges],
      );
      await check('inserted at the edges');
      await h.query(`UPDATE visit SET visited_at = visited_at + interval '2 hours' WHERE id LIKE 'VCB%' AND id < 'VCB5'`);
      await h.query(`UPDATE visit SET village_code = $1 WHERE id = 'VCB5'`, [a!.other]);
      await h.query(`UPDATE visit SET officer_id = (SELECT max(id) FROM officer) WHERE id = 'VCB6'`);
      await h.query(`UPDATE visit SET kind = '法治宣讲' WHERE id LIKE 'VCB%'`);
      await check('re-dated, moved, another officer, a kind changed');
      // a village's latest visit and latest report before each day deleted: heard found again
      for (const day of [past, today]) {
        const d0 = startOfDay(day).toISOString();
        await h.query(`DELETE FROM visit WHERE id = (SELECT id FROM visit WHERE village_code = $1 AND visited_at < $2 ORDER BY visited_at DESC LIMIT 1)`, [a!.other, d0]);
        await h.query(
          `DELETE FROM status_change WHERE entity = 'hazard' AND entity_id IN (SELECT id FROM hazard WHERE village_code = $1 AND reported_at < $2 ORDER BY reported_at DESC LIMIT 1)`,
          [a!.other, d0],
        );
        await h.query(`DELETE FROM hazard WHERE id = (SELECT id FROM hazard WHERE village_code = $1 AND reported_at < $2 ORDER BY reported_at DESC LIMIT 1)`, [a!.other, d0]);
      }
      await h.query(
        `INSERT INTO hazard (id, category, severity, department, status, village_code, reported_at, deadline, geom)
           SELECT 'HCB' || i, '消防', 2, '消防救援大队', '上报', $1, at, at + interval '30 days', (SELECT label_point FROM village WHERE code = $1)
           FROM unnest($2::timestamptz[]) WITH ORDINALITY e(at, i)`,
        [a!.village, edges],
      );
      await h.query(`UPDATE hazard SET reported_at = reported_at - interval '3 days' WHERE id IN ('HCB1', 'HCB8')`);
      await check('latest deleted, reports added and re-dated');
      // every visit of one village gone: its heard comes from its reports alone
      await h.query(`DELETE FROM visit WHERE village_code = $1`, [a!.other]);
      await check("a village's visits all deleted");
      // what a kept day counts, moved other than row by row: the days go
      const days = async () => (await h.query<{ n: number }>('SELECT count(*)::int AS n FROM coverage_base_day'))[0]!.n;
      await h.query('UPDATE village SET code = code WHERE code = $1', [a!.other]);
      expect(await days()).toBe(0);
      await build(h, today);
      for (const day of [today]) {
        const { kept, rebuilt } = await keptAndRebuilt(h, day);
        expect(kept).toEqual(rebuilt);
      }
      await h.exec('TRUNCATE visit');
      expect(await days()).toBe(0);
      await build(h, today);
      await h.exec('TRUNCATE status_change, hazard');
      expect(await days()).toBe(0);
    });
  });

  it("answer a chief's and an officer's call, county-wide and for their township, under their row-level security as the rollups and village_metrics do", async () => {
    const today = shanghaiDate(t.now);
    await t.db.write(SYSTEM, (h) => build(h, today));
    const [chief] = await t.db.read(SYSTEM, (h) =>
      h.query<{ township: string; villages: string[]; other: string }>(
        `SELECT township_code AS township, (array_agg(code ORDER BY code))[1:3] AS villages,
                (SELECT min(code) FROM township WHERE code <> township_code) AS other
           FROM village GROUP BY 1 ORDER BY 1 OFFSET 2 LIMIT 1`,
      ),
    );
    const scopes = [
      { kind: 'township', township: chief!.township },
      { kind: 'villages', township: chief!.township, villages: chief!.villages },
      { kind: 'none' },
      { kind: 'county' },
    ] as const;
    const calls = [
      [3, null],
      [28, null],
      [3, chief!.township],
      [28, chief!.township],
      [28, chief!.other],
    ] as const;
    /** Each scope's answers to each call, and with `checkMetrics` each compared with village_metrics. */
    const answers = async (checkMetrics: boolean): Promise<Coverage[]> => {
      const got: Coverage[] = [];
      for (const scope of scopes) {
        await t.db.read(scope, async (h) => {
          for (const [silenceDays, township] of calls) {
            const [c] = await h.query<Coverage>(COVERAGE, [t.now.toISOString(), 3, township, silenceDays]);
            got.push(c!);
            if (!checkMetrics) continue;
            const rows = await h.query<{ coverage_status: string; silent: boolean }>(
              `SELECT coverage_status, silent FROM village_metrics($1::timestamptz - interval '7 days', $1, $1, 3, $3, $2)`,
              [t.now.toISOString(), silenceDays, township],
            );
            const n = (status: string) => rows.filter((x) => x.coverage_status === status).length;
            const label = `${scope.kind} ${township ?? 'county-wide'} silence ${silenceDays}`;
            expect(c, label).toEqual({ villages: rows.length, met: n('met'), at_risk: n('at_risk'), missed: n('missed'), silent: rows.filter((x) => x.silent).length });
          }
        });
      }
      return got;
    };
    const kept = await answers(true);
    // the same calls with the day dropped: the rollups' reading under the same policies
    await t.db.write(SYSTEM, (h) => h.query('DELETE FROM coverage_base_day WHERE day = $1', [today]));
    try {
      expect(await answers(false)).toEqual(kept);
    } finally {
      await t.db.write(SYSTEM, (h) => build(h, today));
    }
    // the policies narrowed the kept rows as they narrow the raw ones: the chief's county-wide call
    // and their township's are the township, the officer's both their three villages; another
    // township, and the `none` scope, nothing
    const villages = kept.map((c) => c.villages);
    expect(villages[0]).toBeGreaterThan(3);
    expect(villages.slice(0, 5)).toEqual([...Array(4).fill(villages[0]), 0]);
    expect(villages.slice(5, 10)).toEqual([3, 3, 3, 3, 0]);
    expect(villages.slice(10, 15)).toEqual([0, 0, 0, 0, 0]);
    // the county's role sees every village county-wide (the day's number, 019), each township's own
    const county = villages.slice(15);
    expect(county[0]).toBeGreaterThan(county[2]!);
    expect(county.slice(0, 4)).toEqual([county[0], county[0], villages[0], villages[0]]);
    expect(county[4]).toBeGreaterThan(0);
    // not a comparison of zeros: the chief's township answers hold villages met and short
    expect(kept[2]!.met).toBeGreaterThan(0);
    expect(kept[2]!.at_risk + kept[2]!.missed).toBeGreaterThan(0);
  });
});
