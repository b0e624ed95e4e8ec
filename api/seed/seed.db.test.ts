import { beforeAll, describe, expect, it } from 'vitest';
import { addDays, shanghaiDate } from '../contract/calendar.ts';
import { SYSTEM } from '../db/types.ts';
import { nextId } from '../queries/intake/ids.ts';
import { backend, TEST_SEED, type TestDb, testDb } from '../test/test-db.ts';
import { regenerateOperations, seedIfEmpty } from './seed.ts';

let t: TestDb;
beforeAll(async () => {
  t = await testDb();
});

const one = async <T>(sql: string, params: unknown[] = []) => (await t.db.read(SYSTEM, (h) => h.query<T>(sql, params)))[0]!;

/** Success rate (调解成功 / concluded) of disputes received between two Shanghai dates, inclusive. */
async function successRate(from: string, to: string, category?: string) {
  return one<{ total: number; concluded: number; ok: number }>(
    `SELECT count(*)::int AS total,
            count(*) FILTER (WHERE concluded_at IS NOT NULL)::int AS concluded,
            count(*) FILTER (WHERE status = '调解成功')::int AS ok
     FROM dispute
     WHERE (received_at AT TIME ZONE 'Asia/Shanghai')::date BETWEEN $1::date AND $2::date
       AND ($3::text IS NULL OR category = $3)`,
    [from, to, category ?? null],
  );
}

describe(`seeded database (${backend})`, () => {
  it('holds the 25 townships, 491 villages, one officer per village and 448 guardians', async () => {
    const c = await one<Record<string, number>>(`SELECT
      (SELECT count(*)::int FROM township) AS townships,
      (SELECT count(*)::int FROM village) AS villages,
      (SELECT count(*)::int FROM officer) AS officers,
      (SELECT count(DISTINCT village_code)::int FROM officer) AS officer_villages,
      (SELECT count(*)::int FROM guardian) AS guardians,
      (SELECT count(*)::int FROM village WHERE boundary_source = 'generated') AS generated`);
    expect(c).toEqual({ townships: 25, villages: 491, officers: 491, officer_villages: 491, guardians: 448, generated: 491 });
  });

  it('draws every officer from the four agencies, linked before today', async () => {
    const rows = await t.db.read(SYSTEM, (h) => h.query<{ agency: string }>(`SELECT DISTINCT agency FROM officer ORDER BY 1`));
    expect(rows.map((r) => r.agency).sort()).toEqual(['公安', '司法局', '检察院', '法院'].sort());
    const late = await one<{ n: number }>(`SELECT count(*)::int AS n FROM officer WHERE linked_since > $1::date`, [shanghaiDate(t.now)]);
    expect(late.n).toBe(0);
  });

  it('matches the published 2024 marriage-and-family figure exactly: 859 disputes, 850 successful', async () => {
    const r = await successRate('2024-01-01', '2024-12-31', '婚姻家庭');
    expect(r).toEqual({ total: 859, concluded: 859, ok: 850 });
  });

  it('keeps county-wide mediation success at 98.6% ± 0.3 pt in 2024 and in the last 12 months', async () => {
    const today = shanghaiDate(t.now);
    for (const [from, to] of [
      ['2024-01-01', '2024-12-31'],
      [addDays(today, -364), today],
    ] as const) {
      const r = await successRate(from, to);
      expect(r.concluded, `${from}..${to}`).toBeGreaterThan(4000);
      expect(Math.abs(r.ok / r.concluded - 0.986), `${from}..${to}: ${r.ok}/${r.concluded}`).toBeLessThanOrEqual(0.003);
    }
  });

  it('has plausible yearly volumes for a county of one million', async () => {
    const r = await one<{ disputes: number; hazards: number; visits: number }>(`SELECT
      (SELECT count(*)::int FROM dispute WHERE received_at >= '2025-01-01T00:00:00+08:00' AND received_at < '2026-01-01T00:00:00+08:00') AS disputes,
      (SELECT count(*)::int FROM hazard WHERE reported_at >= '2025-01-01T00:00:00+08:00' AND reported_at < '2026-01-01T00:00:00+08:00') AS hazards,
      (SELECT count(*)::int FROM visit WHERE visited_at >= '2025-01-01T00:00:00+08:00' AND visited_at < '2026-01-01T00:00:00+08:00') AS visits`);
    expect(r.disputes).toBeGreaterThan(3000);
    expect(r.disputes).toBeLessThan(12000);
    expect(r.hazards).toBeGreaterThan(5000);
    expect(r.hazards).toBeLessThan(30000);
    // 491 villages x 4 quarters x ~3-5 visits
    expect(r.visits).toBeGreaterThan(491 * 4 * 3 * 0.85);
    expect(r.visits).toBeLessThan(491 * 4 * 6);
  });

  it('places every dispute, hazard and visit inside its own village', async () => {
    const r = await one<Record<string, number>>(`SELECT
      (SELECT count(*)::int FROM dispute d JOIN village v ON v.code = d.village_code WHERE NOT ST_Intersects(v.geom, d.geom)) AS disputes,
      (SELECT count(*)::int FROM hazard h JOIN village v ON v.code = h.village_code WHERE NOT ST_Intersects(v.geom, h.geom)) AS hazards,
      (SELECT count(*)::int FROM visit x JOIN village v ON v.code = x.village_code WHERE NOT ST_Intersects(v.geom, x.geom)) AS visits`);
    expect(r).toEqual({ disputes: 0, hazards: 0, visits: 0 });
  });

  it('has no event after the moment it was generated at', async () => {
    const r = await one<{ n: number }>(
      `SELECT (SELECT count(*) FROM dispute WHERE greatest(received_at, mediation_started_at, concluded_at) > $1)
            + (SELECT count(*) FROM hazard WHERE greatest(reported_at, routed_at, started_at, closed_at) > $1)
            + (SELECT count(*) FROM visit WHERE visited_at > $1) AS n`,
      [t.now.toISOString()],
    );
    expect(Number(r.n)).toBe(0);
  });

  it('gets most complete village-quarters to 3 visits, with a realistic minority short', async () => {
    const r = await one<{ total: number; short: number }>(
      `WITH q AS (
         SELECT v.code, gs AS q_start
         FROM village v, generate_series('2024-01-01'::date, date_trunc('quarter', $1::timestamptz AT TIME ZONE 'Asia/Shanghai')::date - 1, interval '3 months') gs
       )
       SELECT count(*)::int AS total,
              count(*) FILTER (WHERE n < 3)::int AS short
       FROM (SELECT q.code, q.q_start, (SELECT count(*) FROM visit x
               WHERE x.village_code = q.code
                 AND x.visited_at >= q.q_start::timestamp AT TIME ZONE 'Asia/Shanghai'
                 AND x.visited_at < (q.q_start + interval '3 months') AT TIME ZONE 'Asia/Shanghai') AS n
             FROM q) c`,
      [t.now.toISOString()],
    );
    const share = r.short / r.total;
    expect(share).toBeGreaterThan(0.02);
    expect(share).toBeLessThan(0.2);
  });

  it('seeds once: a second call on a seeded database changes nothing', async () => {
    const before = await one<{ n: number }>(`SELECT count(*)::int AS n FROM dispute`);
    const again = await seedIfEmpty(t.db, { seed: TEST_SEED + 1, scale: 2, now: t.now });
    expect(again.seeded).toBe(false);
    expect((await one<{ n: number }>(`SELECT count(*)::int AS n FROM dispute`)).n).toBe(before.n);
  });

  it('never hands out an id again after regenerating the operations (the audit log names cases by id)', async () => {
    const next = () => t.db.write(SYSTEM, async (h) => ({ dispute: await nextId(h, 'dispute'), hazard: await nextId(h, 'hazard'), visit: await nextId(h, 'visit') }));
    const before = await next();
    // twice: the second finds the sequences as the first left them, set but not yet used
    await regenerateOperations(t.db, { seed: TEST_SEED, scale: 1, now: t.now });
    await regenerateOperations(t.db, { seed: TEST_SEED, scale: 1, now: t.now });
    const after = await next();
    for (const kind of ['dispute', 'hazard', 'visit'] as const) expect(after[kind] > before[kind], `${kind}: ${after[kind]} after ${before[kind]}`).toBe(true);
  });

  it('regenerates operations on demand: same seed, same rows; a failed run leaves the data as it was', async () => {
    const fingerprint = () =>
      one<{ n: number; h: string }>(`SELECT count(*)::int AS n, md5(string_agg(id || status || village_code, ',' ORDER BY id)) AS h FROM dispute WHERE source = 'synthetic'`);
    const before = await fingerprint();
    const again = await regenerateOperations(t.db, { seed: TEST_SEED, scale: 1, now: t.now });
    expect(again.counts?.officers).toBe(491);
    expect(await fingerprint()).toEqual(before);
    await expect(regenerateOperations(t.db, { seed: TEST_SEED, scale: -1, now: t.now })).rejects.toThrow(/scale/);
    expect(await fingerprint()).toEqual(before);
  });
});
