import { beforeAll, describe, expect, it } from 'vitest';
import { shanghaiDate, startOfDay } from '../contract/calendar.ts';
import type { Handle, Scope } from '../db/index.ts';
import { SYSTEM } from '../db/types.ts';
import { rolledBack } from '../test/rollback.ts';
import { type TestDb, testDb } from '../test/test-db.ts';

// Migration 015's kept days under concurrent writers, the request roles' writes, and the request
// roles' attempts to write or build them (coverage-base.db.test.ts holds their answers).
let t: TestDb;
let today: string;
let d0: number;
beforeAll(async () => {
  t = await testDb();
  today = shanghaiDate(t.now);
  d0 = startOfDay(today).getTime();
  await t.db.write(SYSTEM, (h) => h.query('SELECT coverage_base_build($1::date)', [today]));
});

/** A village's kept latest before today, beside the raw one. */
const HEARD = `SELECT to_char((SELECT last_heard FROM coverage_village WHERE day = $2 AND village_code = $1) AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.MS') AS kept,
                      to_char(greatest((SELECT max(visited_at) FROM visit WHERE village_code = $1 AND visited_at < $3),
                                       (SELECT max(reported_at) FROM hazard WHERE village_code = $1 AND reported_at < $3)) AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.MS') AS raw`;

function writeHolding(fn: (h: Handle) => Promise<unknown>, holdMs: number, started: () => void): Promise<void> {
  return t.db.write(SYSTEM, async (h) => {
    await fn(h);
    started();
    await new Promise((r) => setTimeout(r, holdMs));
  });
}

describe('the kept coverage days and their writers (migration 015)', () => {
  it('keep the latest heard and the counts when two writers meet on one village, in either order', async () => {
    const [o] = await t.db.read(SYSTEM, (h) => h.query<{ id: string; village: string }>(`SELECT id, village_code AS village FROM officer ORDER BY id DESC OFFSET 3 LIMIT 1`));
    const at = (minutesBeforeMidnight: number) => new Date(d0 - minutesBeforeMidnight * 60_000).toISOString();
    const insert = (id: string, when: string) => (h: Handle) =>
      h.query(
        `INSERT INTO visit (id, officer_id, village_code, kind, visited_at, geom)
           SELECT $1, $2, code, '走访', $4::timestamptz, label_point FROM village WHERE code = $3`,
        [id, o!.id, o!.village, when],
      );
    const heard = async () => (await t.db.read(SYSTEM, (h) => h.query<{ kept: string; raw: string }>(HEARD, [o!.village, today, new Date(d0).toISOString()])))[0]!;
    const counts = () =>
      t.db.read(SYSTEM, (h) =>
        h.query<{ kept: number; raw: number }>(
          `SELECT (SELECT visits FROM coverage_rhythm WHERE day = $2 AND officer_id = $1 AND village_code = $3) AS kept,
                  (SELECT count(*)::int FROM visit WHERE officer_id = $1 AND village_code = $3 AND visited_at >= $4::timestamptz - interval '181 days' AND visited_at < $4) AS raw`,
          [o!.id, today, o!.village, new Date(d0).toISOString()],
        ),
      );
    try {
      await t.db.write(SYSTEM, async (h) => {
        await insert('VCRACE1', at(120))(h);
        await insert('VCRACE2', at(60))(h);
      });
      expect((await heard()).kept).toBe((await heard()).raw);
      // the latest deleted while another writer adds one between the two: the adder waits, then keeps the greater
      let started!: () => void;
      const first = new Promise<void>((r) => (started = r));
      const deleting = writeHolding(
        (h) => h.query(`DELETE FROM visit WHERE id = 'VCRACE2'`),
        300,
        () => started(),
      );
      await first;
      await Promise.all([deleting, t.db.write(SYSTEM, insert('VCRACE3', at(90)))]);
      expect(await heard()).toEqual({ kept: at(90).replace('T', ' ').slice(0, 23), raw: at(90).replace('T', ' ').slice(0, 23) });
      // a later one added while another writer deletes the latest: the deleter finds again what the adder committed
      let started2!: () => void;
      const second = new Promise<void>((r) => (started2 = r));
      const adding = writeHolding(insert('VCRACE4', at(30)), 300, () => started2());
      await second;
      await Promise.all([adding, t.db.write(SYSTEM, (h) => h.query(`DELETE FROM visit WHERE id = 'VCRACE3'`))]);
      expect(await heard()).toEqual({ kept: at(30).replace('T', ' ').slice(0, 23), raw: at(30).replace('T', ' ').slice(0, 23) });
      const [c] = await counts();
      expect(c!.kept).toBe(c!.raw);
    } finally {
      await t.db.write(SYSTEM, (h) => h.query(`DELETE FROM visit WHERE id LIKE 'VCRACE%'`));
    }
    const [c] = await counts();
    expect(c!.kept).toBe(c!.raw);
    const back = await heard();
    expect(back.kept).toEqual(back.raw);
  });

  it('meet a clear (a village re-coded) and a build without a lost day, a missing village or a failed write, in either order', async () => {
    const [o] = await t.db.read(SYSTEM, (h) => h.query<{ id: string; village: string }>(`SELECT id, village_code AS village FROM officer ORDER BY id OFFSET 7 LIMIT 1`));
    const backdated = (id: string) => (h: Handle) =>
      h.query(
        `INSERT INTO visit (id, officer_id, village_code, kind, visited_at, geom)
           SELECT $1, $2, code, '走访', $4::timestamptz, label_point FROM village WHERE code = $3`,
        [id, o!.id, o!.village, new Date(d0 - 3_600_000).toISOString()],
      );
    const recode = (h: Handle) => h.query('UPDATE village SET code = code WHERE code = $1', [o!.village]);
    const days = async () => (await t.db.read(SYSTEM, (h) => h.query<{ n: number }>('SELECT count(*)::int AS n FROM coverage_base_day')))[0]!.n;
    const hold = (fn: (h: Handle) => Promise<unknown>) => {
      let started!: () => void;
      const begun = new Promise<void>((r) => (started = r));
      return { done: writeHolding(fn, 300, () => started()), begun };
    };
    try {
      // a writer's backdated visit first, a clear meanwhile: the clear waits, then drops the day
      await t.db.write(SYSTEM, (h) => h.query('SELECT coverage_base_build($1::date)', [today]));
      const w = hold(backdated('VCCLEAR1'));
      await w.begun;
      await Promise.all([w.done, t.db.write(SYSTEM, recode)]);
      expect(await days()).toBe(0);
      // a clear first, a writer's backdated visit meanwhile: the writer waits, then finds no day
      await t.db.write(SYSTEM, (h) => h.query('SELECT coverage_base_build($1::date)', [today]));
      const c = hold(recode);
      await c.begun;
      await Promise.all([c.done, t.db.write(SYSTEM, backdated('VCCLEAR2'))]);
      expect(await days()).toBe(0);
      // a village change in progress, a build meanwhile: the build waits for it and counts every village
      const v = hold(recode);
      await v.begun;
      await Promise.all([v.done, t.db.write(SYSTEM, (h) => h.query('SELECT coverage_base_build($1::date)', [today]))]);
      const [n] = await t.db.read(SYSTEM, (h) =>
        h.query<{ kept: number; villages: number }>('SELECT (SELECT count(*)::int FROM coverage_village WHERE day = $1) AS kept, (SELECT count(*)::int FROM village) AS villages', [
          today,
        ]),
      );
      expect(n!.kept).toBe(n!.villages);
    } finally {
      await t.db.write(SYSTEM, (h) => h.query(`DELETE FROM visit WHERE id LIKE 'VCCLEAR%'`));
    }
  });

  it("are kept by a township chief's own writes (the request role), and show the chief its township only", async () => {
    await t.db.write(SYSTEM, (h) => h.query('SELECT coverage_base_build($1::date)', [today]));
    const [v] = await t.db.read(SYSTEM, (h) => h.query<{ code: string; township: string }>(`SELECT code, township_code AS township FROM village ORDER BY code DESC LIMIT 1`));
    const scope: Scope = { kind: 'township', township: v!.township };
    await rolledBack(
      t.db,
      async (h) => {
        const before = new Date(d0 - 60_000).toISOString();
        await h.query(
          `INSERT INTO hazard (id, category, severity, department, status, village_code, reported_at, deadline, geom)
           SELECT 'HCBCHIEF', '消防', 2, '消防救援大队', '上报', code, $2::timestamptz, $2::timestamptz + interval '30 days', label_point FROM village WHERE code = $1`,
          [v!.code, before],
        );
        const [a] = await h.query<{ kept: string; raw: string }>(HEARD, [v!.code, today, new Date(d0).toISOString()]);
        expect(a!.kept).toBe(before.replace('T', ' ').slice(0, 23));
        // re-dated into the past (request roles may update a case, never delete one): found again
        await h.query(`UPDATE hazard SET reported_at = reported_at - interval '3000 days' WHERE id = 'HCBCHIEF'`);
        const [b] = await h.query<{ kept: string; raw: string }>(HEARD, [v!.code, today, new Date(d0).toISOString()]);
        expect(b!.kept).toBe(b!.raw);
        expect(b!.kept).not.toBe(a!.kept);
        const seen = await h.query<{ t: string }>(
          'SELECT DISTINCT left(village_code, 9) AS t FROM coverage_village UNION SELECT DISTINCT left(village_code, 9) FROM coverage_rhythm',
        );
        expect(seen.map((x) => x.t)).toEqual([v!.township]);
      },
      scope,
    );
  });

  it('cannot be written, built or cleared by the request roles', async () => {
    const [first] = await t.db.read(SYSTEM, (h) => h.query<{ code: string }>('SELECT min(code) AS code FROM township'));
    for (const scope of [{ kind: 'county' }, { kind: 'township', township: first!.code }] as Scope[]) {
      for (const table of ['coverage_village', 'coverage_rhythm', 'coverage_base_day']) {
        await expect(t.db.write(scope, (h) => h.query(`DELETE FROM ${table}`))).rejects.toThrow(new RegExp(`permission denied for table ${table}`));
      }
      await expect(t.db.write(scope, (h) => h.query(`SELECT coverage_base_build('2020-01-01')`))).rejects.toThrow(/permission denied for function coverage_base_build/);
      await expect(t.db.write(scope, (h) => h.query(`SELECT coverage_base_clear()`))).rejects.toThrow(/permission denied for function coverage_base_clear/);
      await expect(t.db.write(scope, (h) => h.query(`SELECT coverage_base_apply(ARRAY['x'], ARRAY['x'], ARRAY[now()], ARRAY[1000])`))).rejects.toThrow(
        /permission denied for function coverage_base_apply/,
      );
      await expect(
        t.db.write(scope, async (h) => {
          await h.query(`CREATE TEMP TABLE fake (LIKE visit) ON COMMIT DROP`);
          await h.query(`CREATE TRIGGER fake_cov AFTER INSERT ON fake REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION coverage_base_keep('visit')`);
        }),
      ).rejects.toThrow(/permission denied for function coverage_base_keep/);
    }
  });
});
