import { beforeAll, describe, expect, it } from 'vitest';
import { shanghaiDate, startOfDay } from '../contract/calendar.ts';
import type { Handle, Scope } from '../db/index.ts';
import { applyScope } from '../db/scope.ts';
import { rolledBack } from '../test/rollback.ts';
import { type TestDb, testDb, townshipCodes } from '../test/test-db.ts';
import { instantsOf, keptDays, random } from '../test/windows.ts';

// Migration 016: on a kept day of "as of" (migration 015), village_metrics reads each village's
// quarter and its officer's rhythm from the kept rows plus the day's raw visits, instead of the
// rollups. Every column of every village must be what the rollups give, at any instant of the day,
// for the county, a township, and under a chief's and an officer's row-level security.
const DAY = 86_400_000;
const METRICS = `SELECT * FROM village_metrics(p_from => $1::timestamptz - interval '30 days', p_to => $1::timestamptz + interval '1 day',
                                             p_ref => $1, p_required => $2, p_township => $3, p_silence_days => 28)
                 ORDER BY village_code`;
type Row = Record<string, unknown> & { visits_quarter: number; expected_visits: number; coverage_status: string };

let t: TestDb;
let townships: string[];
beforeAll(async () => {
  t = await testDb();
  townships = await townshipCodes(t.db);
});

async function build(h: Handle, day: string): Promise<void> {
  await h.query('SELECT coverage_base_build($1::date)', [day]);
}

/** The rows read from the kept day, and without it (every day dropped inside a savepoint). */
async function bothWays(h: Handle, args: unknown[], scope?: Scope): Promise<{ kept: Row[]; raw: Row[] }> {
  await h.exec('SAVEPOINT scoped');
  if (scope) await applyScope(h, scope, 60_000);
  const kept = await h.query<Row>(METRICS, args);
  await h.exec('ROLLBACK TO SAVEPOINT scoped');
  await h.exec('SAVEPOINT unkept');
  await h.query('DELETE FROM coverage_base_day');
  if (scope) await applyScope(h, scope, 60_000);
  const raw = await h.query<Row>(METRICS, args);
  await h.exec('ROLLBACK TO SAVEPOINT unkept');
  return { kept, raw };
}

describe('village_metrics on a kept day (migration 016)', () => {
  it('answers as the rollups do at any instant of a kept day, for the county and a township', async () => {
    const r = random(18);
    const days = keptDays(t.now);
    const seen = { visits: 0, expected: 0, met: 0, atRisk: 0, missed: 0 };
    await rolledBack(t.db, async (h) => {
      for (const day of days) {
        await build(h, day);
        for (const [i, at] of instantsOf(day, r).entries()) {
          let county: Row[] = [];
          for (const township of [null, townships[i % townships.length]!]) {
            const required = [1, 3, 6][i % 3]!;
            const { kept, raw } = await bothWays(h, [at.toISOString(), required, township]);
            expect(kept.length).toBeGreaterThan(0);
            expect(kept, `${at.toISOString()} ${township ?? 'county'} required ${required}`).toEqual(raw);
            // since 022 the county's call and a township's run different statements: the same rows
            if (township === null) county = kept;
            else expect(kept, `${at.toISOString()} ${township} as the county's`).toEqual(county.filter((x) => x.township_code === township));
            for (const x of kept) {
              seen.visits += x.visits_quarter;
              seen.expected += x.expected_visits - x.visits_quarter;
              if (x.coverage_status === 'met') seen.met++;
              else if (x.coverage_status === 'at_risk') seen.atRisk++;
              else seen.missed++;
            }
          }
        }
      }
    });
    // not a comparison of zeros: visits counted, rhythms projected, every status reached
    for (const [k, n] of Object.entries(seen)) expect(n, k).toBeGreaterThan(50);
  });

  it("answers alike with visits at every edge of the day's windows", async () => {
    const today = shanghaiDate(t.now);
    const d0 = startOfDay(today).getTime();
    const at = d0 + 10 * 3_600_000 + 500;
    const r0 = d0 - 181 * DAY;
    // in: the instant itself, the day's midnight, the kept days' first and last instants, the
    // rhythm's first instant, the end of the day 182 days back; out: just after the instant, the
    // rhythm's open end
    const edges = [at, at + 1, d0, d0 - 1, r0, r0 - 1, r0 - 1_800_000, at - 182 * DAY, at - 182 * DAY + 1, r0 - DAY + 1];
    const changed = await rolledBack(t.db, async (h) => {
      await build(h, today);
      // an officer, and a village of another township: the officer's visits there count in both
      // readings for the county and for the chief of the officer's township (who reads their own
      // township as the owner, migration 021), in neither for an officer of some of its villages
      const [o] = await h.query<{ id: string; village: string; township: string; other: string }>(
        `SELECT o.id, o.village_code AS village, left(o.village_code, 9) AS township,
                (SELECT min(code) FROM village WHERE township_code <> left(o.village_code, 9)) AS other
           FROM officer o ORDER BY o.id OFFSET 7 LIMIT 1`,
      );
      const calls: [unknown[], Scope | undefined][] = [
        [[new Date(at).toISOString(), 3, null], undefined],
        [[new Date(at).toISOString(), 3, o!.township], undefined],
        [[new Date(at).toISOString(), 3, null], { kind: 'township', township: o!.township }],
        [[new Date(at).toISOString(), 3, o!.township], { kind: 'villages', township: o!.township, villages: [o!.village] }],
      ];
      const before = await bothWays(h, calls[0]![0]);
      for (const [i, when] of edges.entries()) {
        // every edge twice: in the officer's own village, and elsewhere (the rhythm counts both)
        for (const [j, village] of [o!.village, o!.other].entries()) {
          await h.query(
            `INSERT INTO visit (id, officer_id, village_code, kind, visited_at, geom)
               SELECT $1, $2, code, '走访', $4::timestamptz, label_point FROM village WHERE code = $3`,
            [`VKEPT${i}_${j}`, o!.id, village, new Date(when).toISOString()],
          );
        }
        for (const [args, scope] of calls) {
          const { kept, raw } = await bothWays(h, args, scope);
          expect(kept, `a visit at ${new Date(when).toISOString()}, ${JSON.stringify(args)} ${scope?.kind ?? ''}`).toEqual(raw);
        }
      }
      const after = await bothWays(h, calls[0]![0]);
      const of = (rows: Row[]) => rows.find((x) => x.village_code === o!.village)!;
      return { before: of(before.kept), after: of(after.kept) };
    });
    // the writes moved the officer's village: its quarter and its projection
    expect(changed.after.visits_quarter).toBeGreaterThan(changed.before.visits_quarter);
    expect(changed.after.expected_visits).toBeGreaterThan(changed.before.expected_visits);
  });

  it('reads the kept rows, for the county, a township, a chief and an officer: a wrong kept count shows in its answer, not in the rollups', async () => {
    const today = shanghaiDate(t.now);
    const [v] = await t.db.read({ kind: 'county' }, (h) =>
      h.query<{ township: string; villages: string[] }>(
        `SELECT township_code AS township, (array_agg(code ORDER BY code))[1:3] AS villages FROM village GROUP BY 1 ORDER BY 1 OFFSET 6 LIMIT 1`,
      ),
    );
    const calls: [unknown[], Scope | undefined][] = [
      [[t.now.toISOString(), 3, null], undefined],
      [[t.now.toISOString(), 3, v!.township], undefined],
      [[t.now.toISOString(), 3, null], { kind: 'township', township: v!.township }],
      [[t.now.toISOString(), 3, v!.township], { kind: 'villages', township: v!.township, villages: v!.villages }],
    ];
    await rolledBack(t.db, async (h) => {
      await build(h, today);
      const before = [];
      for (const [args, scope] of calls) before.push(await bothWays(h, args, scope));
      await h.query('UPDATE coverage_village SET quarter = quarter + 1000 WHERE day = $1', [today]);
      await h.query('UPDATE coverage_rhythm SET visits = visits + 182 * 50 WHERE day = $1', [today]);
      for (const [c, [args, scope]] of calls.entries()) {
        const after = await bothWays(h, args, scope);
        expect(after.raw).toEqual(before[c]!.raw);
        expect(after.kept.length, `${JSON.stringify(args)} ${scope?.kind ?? ''}`).toBe(before[c]!.kept.length);
        for (const [i, x] of after.kept.entries()) {
          const was = before[c]!.kept[i]!;
          expect(x.visits_quarter).toBe(was.visits_quarter + 1000);
          expect(x.coverage_status).toBe('met');
          // the officer's rhythm, where the village has one: 50 more visits a day projected
          if (x.officer_id !== null && was.expected_visits > 0) expect(x.expected_visits).toBeGreaterThan(was.expected_visits + 1000);
        }
      }
    });
  });

  it("answers a chief's and an officer's calls under their row-level security as the rollups do", async () => {
    const today = shanghaiDate(t.now);
    const [chief] = await t.db.read({ kind: 'county' }, (h) =>
      h.query<{ township: string; villages: string[] }>(
        `SELECT township_code AS township, (array_agg(code ORDER BY code))[1:3] AS villages FROM village GROUP BY 1 ORDER BY 1 OFFSET 4 LIMIT 1`,
      ),
    );
    const scopes: Scope[] = [
      { kind: 'township', township: chief!.township },
      { kind: 'villages', township: chief!.township, villages: chief!.villages },
    ];
    const counted: number[] = [];
    await rolledBack(t.db, async (h) => {
      await build(h, today);
      for (const scope of scopes) {
        // a county-wide call narrowed by the policies, and the township's own
        for (const township of [null, chief!.township]) {
          for (const at of [t.now, new Date(startOfDay(today).getTime() + 1)]) {
            const { kept, raw } = await bothWays(h, [at.toISOString(), 3, township], scope);
            expect(kept, `${scope.kind} ${township ?? 'county'} ${at.toISOString()}`).toEqual(raw);
            counted.push(kept.length);
          }
        }
      }
    });
    expect(counted.slice(0, 4).every((n) => n > 3)).toBe(true);
    expect(counted.slice(4)).toEqual([3, 3, 3, 3]);
  });
});
