import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/index.ts';
import { migrate } from '../../db/migrate.ts';
import { openPglite } from '../../db/pglite.ts';
import { SYSTEM } from '../../db/types.ts';
import { dropProvince, EVENT_TIMES, seedProvince, syntheticUnits } from './province.ts';

// The province generator writes committed batches, so it gets a database of its own (an empty
// in-memory PGlite), not the shared seeded one.
let db: Db;
const NOW = new Date('2026-11-28T12:00:00+08:00');

beforeAll(async () => {
  db = await openPglite();
  await migrate(db);
}, 120_000);

afterAll(() => db?.close());

describe('the synthetic province (npm run seed:province)', () => {
  it('writes units no real code can collide with, marked synthetic, valid, one officer each, and events the rollups count', async () => {
    const written = await seedProvince(db, { units: 47, events: 3_001, now: NOW, days: 60, batch: 1_000 });
    expect(written).toBe(3_001);
    expect(await syntheticUnits(db)).toBe(47);
    const [u] = await db.read(SYSTEM, (h) =>
      h.query<{ units: number; townships: number; bad_code: number; unmarked: number; invalid: number; officers: number; outside: number }>(
        `SELECT (SELECT count(*) FROM village)::int AS units,
                (SELECT count(*) FROM township)::int AS townships,
                (SELECT count(*) FROM village WHERE code !~ '^99\\d{10}$' OR left(code, 9) <> township_code)::int AS bad_code,
                (SELECT count(*) FROM village WHERE name NOT LIKE '合成%') + (SELECT count(*) FROM township WHERE name NOT LIKE '合成%') AS unmarked,
                (SELECT count(*) FROM village WHERE NOT ST_IsValid(geom)) + (SELECT count(*) FROM township WHERE NOT ST_IsValid(geom)) AS invalid,
                (SELECT count(DISTINCT village_code) FROM officer)::int AS officers,
                (SELECT count(*) FROM village WHERE NOT ST_Within(geom, ST_MakeEnvelope(108.8, 24.6, 112.0, 30.1, 4326)))::int AS outside`,
      ),
    );
    // 47 units in townships of 20: 3 townships, the last one short
    expect(u).toEqual({ units: 47, townships: 3, bad_code: 0, unmarked: 0, invalid: 0, officers: 47, outside: 0 });
    const [e] = await db.read(SYSTEM, (h) =>
      h.query<{ disputes: number; hazards: number; visits: number; rolled_d: number; rolled_h: number; rolled_v: number; late: number }>(
        `SELECT (SELECT count(*) FROM dispute)::int AS disputes, (SELECT count(*) FROM hazard)::int AS hazards,
                (SELECT count(*) FROM visit)::int AS visits,
                (SELECT sum(disputes_received) FROM case_month)::int AS rolled_d, (SELECT sum(hazards_reported) FROM case_month)::int AS rolled_h,
                (SELECT sum(visits) FROM visit_month)::int AS rolled_v,
                (SELECT count(*) FROM dispute WHERE received_at > $1 OR concluded_at > $1)::int AS late`,
        [NOW.toISOString()],
      ),
    );
    expect(e!.disputes + e!.hazards + e!.visits).toBe(3_001);
    expect(e).toMatchObject({ rolled_d: e!.disputes, rolled_h: e!.hazards, rolled_v: e!.visits, late: 0 });
    expect(e!.disputes).toBeGreaterThan(800);
  }, 120_000);

  it('writes the events in time order across batches, as live reports arrive, over the whole period', async () => {
    // Each kind: instants in the order of the ids (the order written) never go back, and the pages
    // hold them in that order (the correlation of page and instant; a batch spread over the whole
    // period scattered them, near 0). Not exactly 1: a table grows by more than a page at a time.
    for (const [table, at] of EVENT_TIMES) {
      const [o] = await db.read(SYSTEM, (h) =>
        h.query<{ rows: number; back: number; paged: number; first_day: number; last_day: number }>(
          `SELECT count(*)::int AS rows, count(*) FILTER (WHERE t < prev)::int AS back,
                  corr(page, extract(epoch FROM t)) AS paged,
                  extract(epoch FROM $1::timestamptz - min(t))::float8 / 86400 AS first_day,
                  extract(epoch FROM $1::timestamptz - max(t))::float8 / 86400 AS last_day
           FROM (SELECT ${at} AS t, (ctid::text::point)[0] AS page,
                        lag(${at}) OVER (ORDER BY substr(id, 3)::bigint) AS prev
                 FROM ${table} WHERE village_code LIKE '99%') x`,
          [NOW.toISOString()],
        ),
      );
      expect(o!.rows, table).toBeGreaterThan(500);
      expect(o!.back, table).toBe(0);
      expect(o!.paged, table).toBeGreaterThan(0.95);
      // 60 days, all of them: the first event in the first day, the last in the last day
      expect(o!.first_day, table).toBeGreaterThan(59);
      expect(o!.first_day, table).toBeLessThanOrEqual(60);
      expect(o!.last_day, table).toBeGreaterThanOrEqual(0);
      expect(o!.last_day, table).toBeLessThan(1);
    }
  }, 60_000);

  it('is dropped whole, rollups included', async () => {
    await dropProvince(db);
    expect(await syntheticUnits(db)).toBe(0);
    const [left] = await db.read(SYSTEM, (h) =>
      h.query<{ n: number }>(
        `SELECT (SELECT count(*) FROM township) + (SELECT count(*) FROM dispute) + (SELECT count(*) FROM visit)
              + (SELECT coalesce(sum(hazards_reported + disputes_received), 0) FROM case_month) + (SELECT coalesce(sum(visits), 0) FROM visit_month) AS n`,
      ),
    );
    expect(Number(left!.n)).toBe(0);
  }, 60_000);
});
