import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../app.ts';
import { type LngLat, wgs84ToGcj02 } from '../contract/gcj02.ts';
import { SYSTEM } from '../db/types.ts';
import { type SignedIn, signIn } from '../test/sign-in.ts';
import { backend, type TestDb, testDb } from '../test/test-db.ts';

let t: TestDb;
let app: SignedIn;
const RUN = `g${Date.now().toString(36)}`;
/** A WGS84 point in one village whose GCJ-02 reading, taken as WGS84, lies in another village. */
let probe: { wgs: LngLat; gcj: LngLat; village: string; wrongVillage: string };

/** The village at each point, in one query (a point in none: null). */
async function villagesAt(points: LngLat[]): Promise<(string | null)[]> {
  const rows = await t.db.read(SYSTEM, (h) =>
    h.query<{ i: number; code: string | null }>(
      `SELECT p.i::int AS i, (SELECT v.code FROM village v WHERE ST_Contains(v.geom, ST_SetSRID(ST_MakePoint(p.lng, p.lat), 4326)) LIMIT 1) AS code
       FROM unnest($1::float8[], $2::float8[]) WITH ORDINALITY AS p(lng, lat, i) ORDER BY p.i`,
      [points.map((p) => p[0]), points.map((p) => p[1])],
    ),
  );
  return rows.map((r) => r.code);
}

beforeAll(async () => {
  t = await testDb();
  app = await signIn(createApp(t.deps), 'demo-township');
  // A grid across 界牌镇: the first point whose ~600 m GCJ-02 offset crosses a village boundary.
  const [ext] = await t.db.read(SYSTEM, (h) =>
    h.query<{ w: number; s: number; e: number; n: number }>(
      "SELECT ST_XMin(g) AS w, ST_YMin(g) AS s, ST_XMax(g) AS e, ST_YMax(g) AS n FROM (SELECT ST_Extent(geom)::geometry AS g FROM township WHERE code = '430421110') x",
    ),
  );
  const grid: LngLat[] = [];
  for (let i = 1; i < 12; i++) for (let j = 1; j < 12; j++) grid.push([ext!.w + ((ext!.e - ext!.w) * i) / 12, ext!.s + ((ext!.n - ext!.s) * j) / 12]);
  const gcj = grid.map(wgs84ToGcj02);
  const [atWgs, atGcj] = [await villagesAt(grid), await villagesAt(gcj)];
  const k = grid.findIndex((_, i) => atWgs[i]?.startsWith('430421110') && atGcj[i] && atGcj[i] !== atWgs[i]);
  if (k >= 0) probe = { wgs: grid[k]!, gcj: gcj[k]!, village: atWgs[k]!, wrongVillage: atGcj[k]! };
});

afterAll(async () => {
  await t.db.write(SYSTEM, async (h) => {
    for (const table of ['hazard', 'dispute']) await h.query(`DELETE FROM ${table} WHERE client_id LIKE $1`, [`${RUN}%`]);
  });
});

async function post(path: string, body: unknown) {
  const res = await app.request(path, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
  return { status: res.status, body: (await res.json()) as any };
}

const stored = async (table: 'hazard' | 'dispute', id: string) =>
  (await t.db.read(SYSTEM, (h) => h.query<{ lng: number; lat: number }>(`SELECT ST_X(geom) AS lng, ST_Y(geom) AS lat FROM ${table} WHERE id = $1`, [id])))[0]!;

describe(`intake from GCJ-02 terminals (${backend})`, () => {
  it('finds a point where the datum decides the village', () => {
    expect(probe, 'no point in 界牌镇 whose GCJ-02 offset crosses a village boundary').toBeDefined();
  });

  it('a hazard sent with crs "gcj02" is located and stored in WGS84; a retry of the same body is the same record', async () => {
    const body = { clientId: `${RUN}-h1`, category: '消防', severity: 2, lng: probe.gcj[0], lat: probe.gcj[1], crs: 'gcj02' };
    const first = await post('/api/hazards', body);
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect(first.body.villageCode).toBe(probe.village);
    const at = await stored('hazard', first.body.id);
    expect(at.lng).toBeCloseTo(probe.wgs[0], 6);
    expect(at.lat).toBeCloseTo(probe.wgs[1], 6);
    const retry = await post('/api/hazards', body);
    expect(retry.status).toBe(200);
    expect(retry.body.id).toBe(first.body.id);
  });

  it('the same numbers without crs are WGS84 (the default) and land in the other village', async () => {
    const r = await post('/api/disputes', { clientId: `${RUN}-d1`, category: '邻里纠纷', channel: '综治中心', lng: probe.gcj[0], lat: probe.gcj[1], partyName: '张三' });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body.villageCode).toBe(probe.wrongVillage);
    const d = await post('/api/disputes', {
      clientId: `${RUN}-d2`,
      category: '邻里纠纷',
      channel: '综治中心',
      lng: probe.gcj[0],
      lat: probe.gcj[1],
      partyName: '张三',
      crs: 'gcj02',
    });
    expect(d.body.villageCode).toBe(probe.village);
  });

  it('refuses a datum it does not know, writing nothing', async () => {
    const r = await post('/api/hazards', { clientId: `${RUN}-h2`, category: '消防', severity: 2, lng: probe.gcj[0], lat: probe.gcj[1], crs: 'bd09' });
    expect(r.status).toBe(400);
    expect(r.body.error.fields).toHaveProperty('crs');
    const n = await t.db.read(SYSTEM, (h) => h.query<{ n: number }>('SELECT count(*)::int AS n FROM hazard WHERE client_id = $1', [`${RUN}-h2`]));
    expect(n[0]!.n).toBe(0);
  });
});
