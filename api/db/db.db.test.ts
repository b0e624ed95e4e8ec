import { beforeAll, describe, expect, it } from 'vitest';
import { rolledBack } from '../test/rollback.ts';
import { backend, type TestDb, testDb } from '../test/test-db.ts';
import { bulkInsert, POINT_EXPR, pointWkt } from './bulk.ts';
import { DbUnavailableError, openDb } from './index.ts';
import { listMigrations, migrate } from './migrate.ts';
import { SYSTEM } from './types.ts';

let t: TestDb;
beforeAll(async () => {
  t = await testDb();
});

describe(`Db (${backend})`, () => {
  it('reports its kind', () => {
    expect(t.db.kind).toBe(backend);
  });

  it('answers ping', async () => {
    await expect(t.db.ping()).resolves.toBeUndefined();
  });

  it('refuses writes inside a read', async () => {
    await expect(t.db.read(SYSTEM, (h) => h.query(`UPDATE village SET population = population WHERE false`))).rejects.toThrow(/read-only/i);
  });

  it('rolls a write back when its function throws', async () => {
    const count = () => t.db.read(SYSTEM, async (h) => (await h.query<{ n: number }>(`SELECT count(*)::int AS n FROM app_meta`))[0]!.n);
    const before = await count();
    await expect(
      t.db.write(SYSTEM, async (h) => {
        await h.query(`INSERT INTO app_meta (key, value) VALUES ('rollback-probe', '1'::jsonb)`);
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await count()).toBe(before);
  });

  it('sets the request scope for its own transaction only', async () => {
    const inside = await t.db.read({ kind: 'township', township: '430421110' }, (h) =>
      h.query<{ s: string; u: string }>(`SELECT current_setting('app.township', true) AS s, current_user AS u`),
    );
    expect(inside[0]!.s).toBe('430421110');
    expect(inside[0]!.u).toBe('hengyang_app');
    const next = await t.db.read(SYSTEM, (h) => h.query<{ s: string | null; u: string }>(`SELECT current_setting('app.township', true) AS s, current_user AS u`));
    expect(next[0]!.s ?? '').toBe('');
    expect(next[0]!.u).not.toBe('hengyang_app');
  });

  it('gives every transaction a statement timeout', async () => {
    const [r] = await t.db.read(SYSTEM, (h) => h.query<{ s: string }>(`SELECT current_setting('statement_timeout') AS s`));
    expect(r!.s).toBe('30s');
    if (backend === 'postgres') {
      // PostgreSQL enforces it (PGlite's single-threaded WASM build has no timer to): a slow query
      // is cancelled and reported as an outage, which the API answers with a 503.
      const quick = await openDb({ databaseUrl: process.env.TEST_DATABASE_URL, statementTimeoutMs: 200 });
      try {
        await expect(quick.read(SYSTEM, (h) => h.query('SELECT pg_sleep(2)'))).rejects.toBeInstanceOf(DbUnavailableError);
      } finally {
        await quick.close();
      }
    }
  });

  it('bulk-inserts rows with computed geometry and rolls back as one', async () => {
    const rows = [
      { id: 'T1', lng: 112.5, lat: 27.1 },
      { id: 'T2', lng: 112.6, lat: 27.2 },
    ];
    const got = await t.db.write(SYSTEM, async (h) => {
      await h.exec(`CREATE TEMP TABLE bulk_probe (id text PRIMARY KEY, geom geometry(Point, 4326)) ON COMMIT DROP`);
      await bulkInsert(
        h,
        'bulk_probe',
        [
          { name: 'id', type: 'text', value: (r: (typeof rows)[number]) => r.id },
          { name: 'geom', type: 'text', value: (r) => pointWkt(r.lng, r.lat), expr: POINT_EXPR },
        ],
        rows,
        1,
      );
      return h.query<{ id: string; x: number; y: number }>(`SELECT id, ST_X(geom) AS x, ST_Y(geom) AS y FROM bulk_probe ORDER BY id`);
    });
    expect(got).toEqual([
      { id: 'T1', x: 112.5, y: 27.1 },
      { id: 'T2', x: 112.6, y: 27.2 },
    ]);
  });

  it('applies migrations once: a second run applies nothing', async () => {
    const all = await listMigrations();
    expect(all.map((m) => m.version)).toEqual([...all.map((m) => m.version)].sort((a, b) => a - b));
    expect(await migrate(t.db)).toEqual([]);
    const rows = await t.db.read(SYSTEM, (h) => h.query<{ version: number }>(`SELECT version FROM schema_migrations ORDER BY version`));
    expect(rows.map((r) => r.version)).toEqual(all.map((m) => m.version));
  });

  it('derives display geometry, its GeoJSON and the label point from the boundary on every write', async () => {
    const r = await rolledBack(t.db, async (h) => {
      await h.query(`UPDATE village SET geom = ST_Multi(ST_Buffer(ST_PointOnSurface(geom), 0.01)) WHERE code = '430421110200'`);
      const [row] = await h.query<{ within: boolean; near: boolean; json_ok: boolean }>(`
          SELECT ST_Within(label_point, geom) AS within,
                 ST_HausdorffDistance(geom, geom_display) < 0.0005 AS near,
                 display_geojson = ST_AsGeoJSON(geom_display, 6) AS json_ok
          FROM village WHERE code = '430421110200'`);
      return row;
    });
    expect(r).toEqual({ within: true, near: true, json_ok: true });
  });

  it('indexes every geometry column with GiST', async () => {
    const rows = await t.db.read(SYSTEM, (h) =>
      h.query<{ t: string }>(`SELECT tablename AS t FROM pg_indexes WHERE schemaname = current_schema() AND indexdef ILIKE '%USING gist%' ORDER BY 1`),
    );
    expect(rows.map((r) => r.t)).toEqual(expect.arrayContaining(['dispute', 'hazard', 'township', 'village', 'visit']));
  });

  it.each([
    ['an invalid (bow-tie) polygon', `UPDATE village SET geom = ST_Multi(ST_GeomFromText('POLYGON((112 27,113 28,113 27,112 28,112 27))', 4326)) WHERE code = '430421110200'`],
    ['an unknown dispute category', `UPDATE dispute SET category = '打架' WHERE id = (SELECT min(id) FROM dispute)`],
    ['a hazard severity of 5', `UPDATE hazard SET severity = 5 WHERE id = (SELECT min(id) FROM hazard)`],
    ['a village outside its township code', `UPDATE village SET township_code = '430421100' WHERE code = '430421110200'`],
    ['a concluded status without a conclusion time', `UPDATE dispute SET status = '调解成功', concluded_at = NULL WHERE id = (SELECT min(id) FROM dispute)`],
    ['a visit by an unknown officer', `UPDATE visit SET officer_id = 'NOPE' WHERE id = (SELECT min(id) FROM visit)`],
  ])('rejects %s', async (_what, sql) => {
    await expect(t.db.write(SYSTEM, (h) => h.query(sql))).rejects.toThrow();
  });
});
