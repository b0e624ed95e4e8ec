import { beforeAll, describe, expect, it } from 'vitest';
import type { Handle, Scope } from '../db/index.ts';
import { SYSTEM } from '../db/types.ts';
import { rolledBack } from '../test/rollback.ts';
import { type TestDb, testDb, townshipCodes } from '../test/test-db.ts';
import { random } from '../test/windows.ts';

// Migration 013: each village's latest visit and hazard report are kept (village_latest), and
// village_metrics answers "as of" an instant from them, probing the raw rows only where the kept
// latest lies after that instant. Both must stay what max() over the raw rows says.
const DAY = 86_400_000;

let t: TestDb;
let townships: string[];

beforeAll(async () => {
  t = await testDb();
  townships = await townshipCodes(t.db);
});

/** village_metrics' last visit, last report and silence beside the raw definitions, for one instant and scope. */
const AS_OF = `
  SELECT m.village_code,
         m.last_visit_at IS NOT DISTINCT FROM (SELECT max(x.visited_at) FROM visit x WHERE x.village_code = m.village_code AND x.visited_at <= $1) AS visit_ok,
         m.last_report_at IS NOT DISTINCT FROM (SELECT max(h.reported_at) FROM hazard h WHERE h.village_code = m.village_code AND h.reported_at <= $1) AS report_ok,
         m.silent = (NOT EXISTS (SELECT 1 FROM visit x WHERE x.village_code = m.village_code AND x.visited_at <= $1 AND x.visited_at >= $1::timestamptz - interval '28 days')
                AND NOT EXISTS (SELECT 1 FROM hazard h WHERE h.village_code = m.village_code AND h.reported_at <= $1 AND h.reported_at >= $1::timestamptz - interval '28 days')) AS silent_ok,
         m.last_visit_at IS NOT NULL AS visited,
         EXISTS (SELECT 1 FROM village_latest l WHERE l.village_code = m.village_code AND l.at > $1) AS probed
  FROM village_metrics(p_from => $1::timestamptz - interval '30 days', p_to => $1, p_ref => $1, p_required => 3,
                       p_township => $2, p_silence_days => 28) m
  ORDER BY m.village_code`;

type AsOfRow = { village_code: string; visit_ok: boolean; report_ok: boolean; silent_ok: boolean; visited: boolean; probed: boolean };

/** The kept rows against the raw maxima (rows left empty by a delete or truncate are not counted). */
const KEPT_VS_RAW = `
  WITH raw AS (
    SELECT x.village_code, 'visit' AS kind, max(x.visited_at) AS at FROM visit x GROUP BY 1
    UNION ALL
    SELECT h.village_code, 'report', max(h.reported_at) FROM hazard h GROUP BY 1
  ),
  kept AS (SELECT village_code, kind, at FROM village_latest WHERE at IS NOT NULL)
  SELECT (SELECT count(DISTINCT village_code) FROM raw)::int AS villages,
         (SELECT count(*) FROM ((SELECT * FROM raw EXCEPT SELECT * FROM kept) UNION ALL (SELECT * FROM kept EXCEPT SELECT * FROM raw)) z)::int AS diff`;

async function keptMatchesRaw(h: Handle, label = ''): Promise<number> {
  const [r] = await h.query<{ villages: number; diff: number }>(KEPT_VS_RAW);
  expect(r!.diff, label).toBe(0);
  return r!.villages;
}

/** A committed write whose transaction waits `holdMs` after `fn` before it commits. */
function writeHolding(fn: (h: Handle) => Promise<unknown>, holdMs: number, started: () => void): Promise<void> {
  return t.db.write(SYSTEM, async (h) => {
    await fn(h);
    started();
    await new Promise((r) => setTimeout(r, holdMs));
  });
}

describe("each village's latest visit and report (migration 013)", () => {
  it('answer as max() over the raw rows as of any instant: live, past, at and just before a latest, future', async () => {
    const [edge] = await t.db.read(SYSTEM, (h) =>
      h.query<{ v: number; r: number }>(
        `SELECT extract(epoch FROM max(at) FILTER (WHERE kind = 'visit')) * 1000 AS v,
                extract(epoch FROM max(at) FILTER (WHERE kind = 'report')) * 1000 AS r FROM village_latest`,
      ),
    );
    const r = random(13);
    const instants = [
      t.now,
      new Date(Number(edge!.v)),
      new Date(Number(edge!.v) - 1),
      new Date(Number(edge!.r)),
      new Date(Number(edge!.r) - 1),
      new Date(t.now.getTime() + 30 * DAY),
      ...Array.from({ length: 8 }, () => new Date(t.now.getTime() - Math.floor(r() * 900 * DAY) - Math.floor(r() * DAY))),
    ];
    let probed = 0;
    let kept = 0;
    await t.db.read(SYSTEM, async (h) => {
      for (const [i, at] of instants.entries()) {
        const township = i % 3 === 2 ? townships[i % townships.length]! : null;
        const rows = await h.query<AsOfRow>(AS_OF, [at.toISOString(), township]);
        const label = JSON.stringify({ at, township });
        expect(rows.length, label).toBeGreaterThan(0);
        expect(
          rows.filter((x) => !(x.visit_ok && x.report_ok && x.silent_ok)).map((x) => x.village_code),
          label,
        ).toEqual([]);
        probed += rows.filter((x) => x.probed).length;
        kept += rows.filter((x) => x.visited && !x.probed).length;
      }
    });
    // both paths ran: the kept values (live views) and the probes (views of the past)
    expect(probed).toBeGreaterThan(100);
    expect(kept).toBeGreaterThan(100);
  });

  it("give a township chief the county's answer for the chief's villages (row-level security on village_latest)", async () => {
    const township = townships[3]!;
    const scope: Scope = { kind: 'township', township };
    const sql = `SELECT village_code, last_visit_at, last_report_at, silent FROM village_metrics($1::timestamptz - interval '7 days', $1, $1, 3, $2, 28) ORDER BY 1`;
    for (const at of [t.now, new Date(t.now.getTime() - 200 * DAY)]) {
      const own = await t.db.read(scope, (h) => h.query<{ village_code: string; last_visit_at: Date | null }>(sql, [at.toISOString(), township]));
      const county = await t.db.read(SYSTEM, (h) => h.query<{ village_code: string }>(sql, [at.toISOString(), null]));
      expect(own.length).toBeGreaterThan(0);
      expect(own.some((v) => v.last_visit_at !== null)).toBe(true);
      expect(own).toEqual(county.filter((v) => v.village_code.startsWith(township)));
      const seen = await t.db.read(scope, (h) => h.query<{ t: string }>('SELECT DISTINCT left(village_code, 9) AS t FROM village_latest'));
      expect(seen.map((x) => x.t)).toEqual([township]);
    }
  });

  it('stay equal to max() over the raw rows through inserts, re-dated and moved rows, deletes and truncation', async () => {
    await rolledBack(t.db, async (h) => {
      expect(await keptMatchesRaw(h, 'as seeded')).toBeGreaterThan(400);
      const [v] = await h.query<{ code: string; other: string }>(`SELECT min(code) AS code, max(code) AS other FROM village`);
      const [o] = await h.query<{ id: string; village: string }>(`SELECT id, village_code AS village FROM officer ORDER BY id LIMIT 1`);
      const soon = new Date(t.now.getTime() + 60_000).toISOString();
      await h.query(
        `INSERT INTO visit (id, officer_id, village_code, kind, visited_at, geom)
           SELECT 'VLAT' || g, $1, code, '走访', $3::timestamptz - g * interval '1 hour', label_point
           FROM village, generate_series(1, 3) g WHERE code = $2`,
        [o!.id, o!.village, soon],
      );
      await h.query(
        `INSERT INTO hazard (id, category, severity, department, status, village_code, reported_at, deadline, geom)
           SELECT 'HLAT' || g, '消防', 2, '消防救援大队', '上报', code, $2::timestamptz - g * interval '1 hour', $2::timestamptz + interval '30 days', label_point
           FROM village, generate_series(1, 3) g WHERE code = $1`,
        [v!.code, soon],
      );
      await keptMatchesRaw(h, 'inserted');
      // the latest re-dated into the past, then deleted; a report moved to another village
      await h.query(`UPDATE visit SET visited_at = visited_at - interval '900 days' WHERE id = 'VLAT1'`);
      await keptMatchesRaw(h, 're-dated');
      await h.query(`DELETE FROM visit WHERE id = 'VLAT2'`);
      await h.query(`UPDATE hazard SET village_code = $1, geom = (SELECT label_point FROM village WHERE code = $1) WHERE id = 'HLAT1'`, [v!.other]);
      await keptMatchesRaw(h, 'deleted, moved');
      // ids rewritten with the instant, two reports swapped between villages in one statement
      await h.query(`UPDATE visit SET id = id || 'x', visited_at = visited_at - interval '5000 days' WHERE id = 'VLAT3'`);
      await keptMatchesRaw(h, 'id and instant rewritten together');
      await h.query(`UPDATE hazard SET village_code = CASE id WHEN 'HLAT1' THEN $1 ELSE $2 END WHERE id IN ('HLAT1', 'HLAT3')`, [v!.code, v!.other]);
      await keptMatchesRaw(h, 'swapped');
      // moved into a village whose kept row is gone (the re-find inserts it)
      await h.query(`DELETE FROM village_latest WHERE village_code = $1 AND kind = 'report'`, [v!.other]);
      await h.query(`UPDATE hazard SET reported_at = reported_at - interval '1 minute' WHERE village_code = $1`, [v!.other]);
      await keptMatchesRaw(h, 'a kept row found again');
      // a status change touches no instant; a village left with no report at all
      await h.query(`UPDATE hazard SET status = '处置中' WHERE id LIKE 'HLAT%'`);
      await h.query(`DELETE FROM hazard WHERE village_code = $1`, [v!.code]);
      await keptMatchesRaw(h, 'all reports of a village deleted');
      const [none] = await h.query<{ r: Date | null }>(`SELECT at AS r FROM village_latest WHERE village_code = $1 AND kind = 'report'`, [v!.code]);
      expect(none!.r).toBeNull();
      await h.exec('TRUNCATE status_change, hazard');
      await keptMatchesRaw(h, 'hazards truncated');
      await h.exec('TRUNCATE visit');
      expect(await keptMatchesRaw(h, 'visits truncated')).toBe(0);
    });
  });

  it('keep the latest when two writers meet on one village, in either order', async () => {
    const [o] = await t.db.read(SYSTEM, (h) => h.query<{ id: string; village: string }>(`SELECT id, village_code AS village FROM officer ORDER BY id DESC LIMIT 1`));
    const at = (minutesAfterNow: number) => new Date(t.now.getTime() + minutesAfterNow * 60_000).toISOString();
    const insert = (id: string, when: string) => (h: Handle) =>
      h.query(
        `INSERT INTO visit (id, officer_id, village_code, kind, visited_at, geom)
           SELECT $1, $2, code, '走访', $4::timestamptz, label_point FROM village WHERE code = $3`,
        [id, o!.id, o!.village, when],
      );
    const latest = async () => {
      const [r] = await t.db.read(SYSTEM, (h) =>
        h.query<{ kept: string; raw: string }>(
          `SELECT to_char((SELECT at FROM village_latest WHERE village_code = $1 AND kind = 'visit') AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS kept,
                to_char((SELECT max(visited_at) FROM visit WHERE village_code = $1) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS raw`,
          [o!.village],
        ),
      );
      return r!;
    };
    try {
      await t.db.write(SYSTEM, async (h) => {
        await insert('VRACE1', at(1))(h);
        await insert('VRACE2', at(2))(h);
      });
      // the latest deleted while another writer adds one between the two: the adder waits, then keeps the greater
      let started!: () => void;
      const first = new Promise<void>((r) => (started = r));
      const deleting = writeHolding(
        (h) => h.query(`DELETE FROM visit WHERE id = 'VRACE2'`),
        300,
        () => started(),
      );
      await first;
      const t1 = Date.now();
      await Promise.all([deleting, t.db.write(SYSTEM, insert('VRACE3', at(1.5)))]);
      // the two overlapped: the second writer waited for the first to commit (PostgreSQL: the row
      // lock of the village; the embedded database runs one transaction at a time)
      expect(Date.now() - t1).toBeGreaterThanOrEqual(250);
      expect(await latest()).toEqual({ kept: at(1.5), raw: at(1.5) });
      // a later one added while another writer deletes the latest: the deleter finds again what the adder committed
      let started2!: () => void;
      const second = new Promise<void>((r) => (started2 = r));
      const adding = writeHolding(insert('VRACE4', at(3)), 300, () => started2());
      await second;
      const t2 = Date.now();
      await Promise.all([adding, t.db.write(SYSTEM, (h) => h.query(`DELETE FROM visit WHERE id = 'VRACE3'`))]);
      expect(Date.now() - t2).toBeGreaterThanOrEqual(250);
      expect(await latest()).toEqual({ kept: at(3), raw: at(3) });
    } finally {
      await t.db.write(SYSTEM, (h) => h.query(`DELETE FROM visit WHERE id LIKE 'VRACE%'`));
    }
    const back = await latest();
    expect(back.kept).toEqual(back.raw);
  });

  it('cannot be written or rebuilt by the request roles', async () => {
    for (const scope of [{ kind: 'county' }, { kind: 'township', township: townships[0]! }] as Scope[]) {
      await expect(t.db.write(scope, (h) => h.query(`UPDATE village_latest SET at = now()`))).rejects.toThrow(/permission denied for table village_latest/);
      await expect(t.db.write(scope, (h) => h.query(`SELECT village_latest_rebuild()`))).rejects.toThrow(/permission denied for function village_latest_rebuild/);
      await expect(t.db.write(scope, (h) => h.query(`SELECT village_latest_refind(ARRAY['x'], 'visit')`))).rejects.toThrow(/permission denied for function village_latest_refind/);
      for (const [kind, table] of [
        ['visit', 'visit'],
        ['report', 'hazard'],
      ]) {
        await expect(
          t.db.write(scope, async (h) => {
            await h.query(`CREATE TEMP TABLE fake (LIKE ${table}) ON COMMIT DROP`);
            await h.query(`CREATE TRIGGER fake_latest AFTER INSERT ON fake REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION village_latest_keep('${kind}')`);
          }),
        ).rejects.toThrow(/permission denied for function village_latest_keep/);
      }
    }
  });

  it("are kept by a township chief's own writes (the request role)", async () => {
    const [v] = await t.db.read(SYSTEM, (h) => h.query<{ code: string; township: string }>(`SELECT code, township_code AS township FROM village ORDER BY code DESC LIMIT 1`));
    await rolledBack(
      t.db,
      async (h) => {
        const soon = new Date(t.now.getTime() + 90_000).toISOString();
        await h.query(
          `INSERT INTO hazard (id, category, severity, department, status, village_code, reported_at, deadline, geom)
           SELECT 'HCHIEF', '消防', 2, '消防救援大队', '上报', code, $2::timestamptz, $2::timestamptz + interval '30 days', label_point FROM village WHERE code = $1`,
          [v!.code, soon],
        );
        const [kept] = await h.query<{ same: boolean }>(`SELECT at = $2::timestamptz AS same FROM village_latest WHERE village_code = $1 AND kind = 'report'`, [v!.code, soon]);
        expect(kept!.same).toBe(true);
        // re-dated into the past (request roles may update a case, never delete one)
        await h.query(`UPDATE hazard SET reported_at = reported_at - interval '3000 days' WHERE id = 'HCHIEF'`);
        // the chief sees only the township's rows: compared there, they match the raw rows the chief sees
        await keptMatchesRaw(h, "a chief's insert and update");
      },
      { kind: 'township', township: v!.township },
    );
  });

  it('are rebuilt from the raw rows by village_latest_rebuild()', async () => {
    await rolledBack(t.db, async (h) => {
      await h.query(`UPDATE village_latest SET at = CASE kind WHEN 'visit' THEN at - interval '3 days' END`);
      await h.query(`DELETE FROM village_latest WHERE village_code IN (SELECT code FROM village ORDER BY code LIMIT 5)`);
      const [spoilt] = await h.query<{ diff: number }>(KEPT_VS_RAW);
      expect(spoilt!.diff).toBeGreaterThan(0);
      await h.query('SELECT village_latest_rebuild()');
      await keptMatchesRaw(h, 'rebuilt');
    });
  });
});
