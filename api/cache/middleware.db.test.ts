import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../app.ts';
import { FailureThrottle } from '../auth/throttle.ts';
import { SYSTEM } from '../db/types.ts';
import { type SignedIn, signIn } from '../test/sign-in.ts';
import { backend, type TestDb, testDb } from '../test/test-db.ts';

let t: TestDb;
let county: SignedIn;
let wall: SignedIn;
let chief: SignedIn;
const RUN = `ac${Date.now().toString(36)}`;

beforeAll(async () => {
  t = await testDb();
  const app = createApp({ ...t.deps, config: { ...t.config, ANSWER_CACHE_MS: 60_000 }, throttle: new FailureThrottle() });
  county = await signIn(app, 'demo-county');
  wall = await signIn(app, 'demo-wall');
  chief = await signIn(app, 'demo-township');
});

afterAll(() => t.db.write(SYSTEM, (h) => h.query('DELETE FROM hazard WHERE client_id LIKE $1', [`${RUN}%`])));

const get = async (s: SignedIn, path: string) => {
  const res = await s.request(path);
  return { status: res.status, cache: res.headers.get('x-answer-cache'), body: await res.text(), vary: res.headers.get('vary') };
};

describe(`answer cache (${backend})`, () => {
  it('reuses an answer only for the same role and scope, and a write through the API clears it', async () => {
    const path = '/api/stats/summary?from=2026-01-01&to=2026-03-31';
    const first = await get(county, path);
    expect(first).toMatchObject({ status: 200, cache: 'miss' });
    expect(await get(county, path)).toMatchObject({ status: 200, cache: 'hit', body: first.body });
    expect(first.vary).toMatch(/Cookie/);

    // Same scope, other role; other scope: each computes its own.
    expect((await get(wall, path)).cache).toBe('miss');
    const mine = await get(chief, path);
    expect(mine.cache).toBe('miss');
    expect(mine.body).not.toBe(first.body);
    expect((await get(chief, path)).body).toBe(mine.body);
    // Asking for another township is still refused, cache or not.
    expect((await get(chief, `${path}&township=430421111`)).status).toBe(403);

    const [v] = await t.db.read(SYSTEM, (h) =>
      h.query<{ lng: number; lat: number }>(`SELECT ST_X(label_point) AS lng, ST_Y(label_point) AS lat FROM village WHERE township_code = '430421110' ORDER BY code LIMIT 1`),
    );
    const posted = await chief.request('/api/hazards', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ clientId: `${RUN}-1`, category: '消防', severity: 2, lng: v!.lng, lat: v!.lat }),
    });
    expect(posted.status).toBe(201);
    expect((await get(county, path)).cache).toBe('miss');
  });

  it('computes concurrent identical requests once', async () => {
    const path = '/api/villages?from=2025-06-01&to=2025-06-30';
    const answers = await Promise.all(Array.from({ length: 8 }, () => get(county, path)));
    expect(answers.map((a) => a.status)).toEqual(Array(8).fill(200));
    expect(answers.filter((a) => a.cache === 'miss')).toHaveLength(1);
    expect(new Set(answers.map((a) => a.body)).size).toBe(1);
  });

  it('keeps a compressed copy per content coding beside a kept answer, the same answer once decoded', async () => {
    const path = '/api/villages?from=2025-07-01&to=2025-07-31';
    const plain = await get(county, path);
    expect(plain.cache).toBe('miss');
    for (const [accept, encoding, decode] of [
      ['gzip, br', 'br', brotliDecompressSync],
      ['gzip', 'gzip', gunzipSync],
    ] as const) {
      for (let i = 0; i < 2; i++) {
        const res = await county.request(path, { headers: { 'Accept-Encoding': accept } });
        expect(res.headers.get('x-answer-cache')).toBe('hit');
        expect(res.headers.get('content-encoding')).toBe(encoding);
        const bytes = Buffer.from(await res.arrayBuffer());
        expect(Number(res.headers.get('content-length'))).toBe(bytes.length);
        expect(bytes.length).toBeLessThan(plain.body.length / 3);
        expect(decode(bytes).toString()).toBe(plain.body);
      }
    }
  });

  it('answers nothing from the cache while the database may be down', async () => {
    let up = true;
    const flaky = createApp({ ...t.deps, db: { ...t.db, available: () => up }, config: { ...t.config, ANSWER_CACHE_MS: 60_000 }, throttle: new FailureThrottle() });
    const s = await signIn(flaky, 'demo-county');
    const path = '/api/stats/summary?from=2026-02-01&to=2026-02-28';
    expect((await get(s, path)).cache).toBe('miss');
    expect((await get(s, path)).cache).toBe('hit');
    up = false;
    expect((await get(s, path)).cache).toBeNull();
    up = true;
    expect((await get(s, path)).cache).toBe('miss');
  });

  it('caches exactly the aggregate and map endpoints declared in app.ts', async () => {
    const [v] = await t.db.read(SYSTEM, (h) => h.query<{ code: string }>(`SELECT code FROM village WHERE township_code = '430421110' ORDER BY code LIMIT 1`));
    const q = 'from=2025-03-01&to=2025-03-31';
    const cached = [
      '/api/config',
      '/api/basemap',
      `/api/townships?${q}`,
      `/api/villages?${q}`,
      `/api/villages/${v!.code}?${q}`,
      `/api/events?${q}`,
      `/api/stats/summary?${q}`,
      `/api/stats/trend?${q}`,
      `/api/stats/categories?${q}&type=hazard`,
      `/api/stats/ranking?${q}`,
      `/api/coverage?${q}`,
      '/api/feed?limit=7',
      `/api/alerts?${q}`,
      '/api/briefing?metric=disputes',
    ];
    for (const path of cached) {
      expect(await get(county, path), path).toMatchObject({ status: 200, cache: 'miss' });
      expect(await get(county, path), path).toMatchObject({ status: 200, cache: 'hit' });
    }
    for (let i = 0; i < 2; i++) expect(await get(county, '/api/auth/me'), '/api/auth/me').toMatchObject({ status: 200, cache: null });
  });

  it('never caches personal data or errors', async () => {
    const [hz] = await t.db.read(SYSTEM, (h) => h.query<{ id: string }>(`SELECT id FROM hazard WHERE village_code LIKE '430421110%' LIMIT 1`));
    for (let i = 0; i < 2; i++) expect((await get(county, `/api/hazards/${hz!.id}`)).cache).toBeNull();
    for (let i = 0; i < 2; i++) expect((await get(county, '/api/stats/summary?from=2026-13-01')).cache).toBeNull();
  });
  it('is not cleared by a read-only request (HEAD, OPTIONS) to a writing sub-app', async () => {
    const path = '/api/stats/summary?from=2026-04-01&to=2026-04-30';
    expect((await get(county, path)).cache).toBe('miss');
    expect((await get(county, path)).cache).toBe('hit');
    const [row] = await t.db.read(SYSTEM, (h) =>
      h.query<{ hazard: string; dispute: string }>(
        `SELECT (SELECT id FROM hazard WHERE village_code LIKE '430421110%' ORDER BY id LIMIT 1) AS hazard,
                (SELECT id FROM dispute WHERE village_code LIKE '430421110%' ORDER BY id LIMIT 1) AS dispute`,
      ),
    );
    // Hono answers HEAD with the GET handler: a 200 that must not count as a write.
    for (const target of [`/api/disputes/${row!.dispute}`, `/api/hazards/${row!.hazard}`, '/api/imports/ledger/template?kind=disputes']) {
      expect((await county.request(target, { method: 'HEAD' })).status, `HEAD ${target}`).toBe(200);
    }
    for (const target of ['/api/hazards', '/api/disputes', '/api/visits']) await county.request(target, { method: 'OPTIONS' });
    expect((await get(county, path)).cache).toBe('hit');
  });
});
