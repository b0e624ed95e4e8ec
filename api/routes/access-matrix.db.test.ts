import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../app.ts';
import type { Role } from '../auth/principal.ts';
import { FailureThrottle } from '../auth/throttle.ts';
import { SYSTEM } from '../db/types.ts';
import { mountedRoutes, routeOf } from '../test/routes.ts';
import { type SignedIn, signIn } from '../test/sign-in.ts';
import { backend, type TestDb, testDb } from '../test/test-db.ts';

/**
 * The authorization matrix of issue 6: every role x every endpoint x the caller's own township
 * (or village) and another one, asserted status by status. "Own" is the demo officer's village
 * in 界牌镇, which is also the demo township chief's; "other" is a village of another township.
 */

const ROLES: Role[] = ['county', 'township', 'officer', 'wall', 'admin'];
const RUN = `mx${Date.now().toString(36)}`;

interface Place {
  township: string;
  village: string;
  lng: number;
  lat: number;
  officer: string;
  hazard: string;
  dispute: string;
}

let t: TestDb;
let as: Record<Role, SignedIn>;
let anonymous: ReturnType<typeof createApp>;
const place: Record<'own' | 'other', Place> = {} as never;

async function placeOf(h: { query: <T>(s: string, p?: unknown[]) => Promise<T[]> }, where: string): Promise<Place> {
  const [p] = await h.query<Place>(
    `SELECT v.township_code AS township, v.code AS village, ST_X(v.label_point) AS lng, ST_Y(v.label_point) AS lat, o.id AS officer,
            (SELECT id FROM hazard WHERE village_code = v.code ORDER BY id LIMIT 1) AS hazard,
            (SELECT id FROM dispute WHERE village_code = v.code ORDER BY id LIMIT 1) AS dispute
     FROM village v JOIN officer o ON o.village_code = v.code WHERE ${where} ORDER BY v.code LIMIT 1`,
  );
  return p!;
}

beforeAll(async () => {
  t = await testDb();
  // Its own throttle: the matrix signs in many times and must not slow other files' sign-ins.
  const app = createApp({ ...t.deps, throttle: new FailureThrottle() });
  anonymous = app;
  as = Object.fromEntries(await Promise.all(ROLES.map(async (r) => [r, await signIn(app, `demo-${r}`)]))) as Record<Role, SignedIn>;
  await t.db.read(SYSTEM, async (h) => {
    place.own = await placeOf(h, `v.code = '${as.officer.user.villageCodes![0]}'`);
    place.other = await placeOf(
      h,
      `v.township_code <> '430421110' AND EXISTS (SELECT 1 FROM hazard z WHERE z.village_code = v.code) AND EXISTS (SELECT 1 FROM dispute d WHERE d.village_code = v.code)`,
    );
  });
  expect(place.own.township).toBe('430421110');
  expect(place.own.hazard).toBeTruthy();
});

afterAll(async () => {
  await t.db.write(SYSTEM, async (h) => {
    await h.query(`DELETE FROM status_change WHERE client_id LIKE $1`, [`${RUN}%`]);
    for (const table of ['hazard', 'dispute', 'visit']) await h.query(`DELETE FROM ${table} WHERE client_id LIKE $1`, [`${RUN}%`]);
  });
});

type Which = 'own' | 'other';
type Expect = Partial<Record<Role, number>> & { default: number };
interface Case {
  name: string;
  request: (w: Which, role: Role, i: number) => { method?: string; path: string; body?: unknown };
  own: Expect;
  other: Expect;
}

const everyone = { default: 200 };
const noPackage = { default: 404 };
const countyWide = { default: 200, township: 403, officer: 403 };
const adminOnly400 = { default: 403, admin: 400 };
const adminOnly404 = { default: 403, admin: 404 };
const read = (path: (p: Place) => string): Pick<Case, 'request'> => ({ request: (w) => ({ path: path(place[w]) }) });
const tw = (p: Place) => `township=${p.township}`;

const CASES: Case[] = [
  { name: 'GET /api/auth/me', ...read(() => '/api/auth/me'), own: everyone, other: everyone },
  { name: 'GET /api/config', ...read(() => '/api/config'), own: everyone, other: everyone },
  { name: 'GET /api/basemap', ...read(() => '/api/basemap'), own: everyone, other: everyone },
  // No offline package in this configuration: the same 404 for every role (served: api/routes/basemap-package.db.test.ts).
  { name: 'GET /api/basemap/tiles/:z/:x/:y', ...read(() => '/api/basemap/tiles/10/835/429'), own: noPackage, other: noPackage },
  { name: 'GET /api/basemap/style.json', ...read(() => '/api/basemap/style.json'), own: noPackage, other: noPackage },
  { name: 'GET /api/basemap/glyphs/:fontstack/:range', ...read(() => '/api/basemap/glyphs/Noto%20Sans%20Regular/0-255.pbf'), own: noPackage, other: noPackage },
  { name: 'GET /api/basemap/sprites/:file', ...read(() => '/api/basemap/sprites/light.json'), own: noPackage, other: noPackage },
  { name: 'GET /api/townships', ...read(() => '/api/townships'), own: everyone, other: everyone },
  { name: 'GET /api/villages', ...read((p) => `/api/villages?${tw(p)}`), own: everyone, other: countyWide },
  { name: 'GET /api/villages?silent=true', ...read((p) => `/api/villages?${tw(p)}&silent=true`), own: everyone, other: countyWide },
  { name: 'GET /api/villages/:code', ...read((p) => `/api/villages/${p.village}`), own: everyone, other: countyWide },
  { name: 'GET /api/events', ...read((p) => `/api/events?${tw(p)}`), own: everyone, other: countyWide },
  { name: 'GET /api/tiles/villages/:z/:x/:y', ...read((p) => `/api/tiles/villages/8/208/107.mvt?${tw(p)}`), own: everyone, other: countyWide },
  { name: 'GET /api/tiles/events/:z/:x/:y', ...read((p) => `/api/tiles/events/8/208/107.mvt?${tw(p)}`), own: everyone, other: countyWide },
  { name: 'GET /api/stats/summary', ...read((p) => `/api/stats/summary?${tw(p)}`), own: everyone, other: countyWide },
  { name: 'GET /api/stats/trend', ...read((p) => `/api/stats/trend?${tw(p)}`), own: everyone, other: countyWide },
  { name: 'GET /api/stats/categories', ...read((p) => `/api/stats/categories?type=hazard&${tw(p)}`), own: everyone, other: countyWide },
  { name: 'GET /api/stats/ranking', ...read((p) => `/api/stats/ranking?level=village&${tw(p)}`), own: everyone, other: countyWide },
  { name: 'GET /api/coverage', ...read((p) => `/api/coverage?${tw(p)}`), own: everyone, other: countyWide },
  { name: 'GET /api/feed', ...read((p) => `/api/feed?${tw(p)}`), own: everyone, other: countyWide },
  { name: 'GET /api/alerts', ...read((p) => `/api/alerts?${tw(p)}`), own: everyone, other: countyWide },
  { name: 'GET /api/briefing', ...read((p) => `/api/briefing?${tw(p)}`), own: everyone, other: countyWide },
  { name: 'GET /api/campaigns', ...read(() => '/api/campaigns'), own: everyone, other: everyone },
  // A county-wide campaign: a chief and an officer see their own township's part of it.
  { name: 'GET /api/campaigns/:code/effect', ...read((p) => `/api/campaigns/jingwang/effect?${tw(p)}`), own: everyone, other: countyWide },
  { name: 'GET /api/hazards/:id', ...read((p) => `/api/hazards/${p.hazard}`), own: { default: 200, wall: 403 }, other: { ...countyWide, wall: 403 } },
  { name: 'GET /api/disputes/:id', ...read((p) => `/api/disputes/${p.dispute}`), own: { default: 200, wall: 403 }, other: { ...countyWide, wall: 403 } },
  {
    name: 'GET /api/imports/ledger/template',
    ...read((p) => `/api/imports/ledger/template?kind=disputes&${tw(p)}`),
    own: { default: 200, officer: 403, wall: 403 },
    other: { default: 200, township: 403, officer: 403, wall: 403 },
  },
  { name: 'GET /api/admin/users', ...read(() => '/api/admin/users'), own: { default: 403, admin: 200 }, other: { default: 403, admin: 200 } },
  { name: 'GET /api/admin/devices', ...read(() => '/api/admin/devices'), own: { default: 403, admin: 200 }, other: { default: 403, admin: 200 } },
  { name: 'GET /api/admin/audit', ...read(() => '/api/admin/audit?limit=5'), own: { default: 403, admin: 200 }, other: { default: 403, admin: 200 } },
  // Admin writes with an empty body: only an admin gets as far as validation (400); nothing is changed.
  { name: 'POST /api/admin/users', request: () => ({ method: 'POST', path: '/api/admin/users', body: {} }), own: adminOnly400, other: adminOnly400 },
  { name: 'PATCH /api/admin/users/:id', request: () => ({ method: 'PATCH', path: '/api/admin/users/0', body: {} }), own: adminOnly400, other: adminOnly400 },
  { name: 'POST /api/admin/devices', request: () => ({ method: 'POST', path: '/api/admin/devices', body: {} }), own: adminOnly400, other: adminOnly400 },
  { name: 'DELETE /api/admin/devices/:id', request: () => ({ method: 'DELETE', path: '/api/admin/devices/0' }), own: adminOnly400, other: adminOnly400 },
  { name: 'POST /api/admin/campaigns', request: () => ({ method: 'POST', path: '/api/admin/campaigns', body: {} }), own: adminOnly400, other: adminOnly400 },
  { name: 'PATCH /api/admin/campaigns/:code', request: () => ({ method: 'PATCH', path: '/api/admin/campaigns/jingwang', body: {} }), own: adminOnly400, other: adminOnly400 },
  // No such campaign: only an admin gets as far as looking (404); nothing is deleted.
  { name: 'DELETE /api/admin/campaigns/:code', request: () => ({ method: 'DELETE', path: '/api/admin/campaigns/no-such' }), own: adminOnly404, other: adminOnly404 },
  { name: 'POST /api/imports/boundaries', request: () => ({ method: 'POST', path: '/api/imports/boundaries' }), own: adminOnly400, other: adminOnly400 },
  // Every role may change its own password; an empty body is refused (400) without counting as a wrong one.
  { name: 'POST /api/auth/password', request: () => ({ method: 'POST', path: '/api/auth/password', body: {} }), own: { default: 400 }, other: { default: 400 } },
  { name: 'GET /api/openapi.json', ...read(() => '/api/openapi.json'), own: everyone, other: everyone },
  { name: 'GET /api/reference', ...read(() => '/api/reference'), own: everyone, other: everyone },
  {
    name: 'POST /api/hazards',
    request: (w, role, i) => ({
      method: 'POST',
      path: '/api/hazards',
      body: { clientId: `${RUN}-h-${w}-${role}-${i}`, category: '治安', severity: 2, lng: place[w].lng, lat: place[w].lat },
    }),
    own: { default: 403, township: 201, officer: 201 },
    other: { default: 403 },
  },
  {
    name: 'POST /api/disputes',
    request: (w, role, i) => ({
      method: 'POST',
      path: '/api/disputes',
      body: { clientId: `${RUN}-d-${w}-${role}-${i}`, category: '邻里纠纷', channel: '综治中心', lng: place[w].lng, lat: place[w].lat, villageCode: place[w].village },
    }),
    own: { default: 403, township: 201, officer: 201 },
    other: { default: 403 },
  },
  {
    name: 'POST /api/visits',
    request: (w, role, i) => ({
      method: 'POST',
      path: '/api/visits',
      body: { clientId: `${RUN}-v-${w}-${role}-${i}`, officerId: place[w].officer, villageCode: place[w].village, kind: '走访', visitedAt: '2026-01-05T10:00:00+08:00' },
    }),
    own: { default: 403, township: 201, officer: 201 },
    other: { default: 403 },
  },
  {
    // 上报 -> 上报 is not a step, so an allowed caller gets the lifecycle's 409; the point is who gets that far.
    name: 'PATCH /api/hazards/:id',
    request: (w, role, i) => ({ method: 'PATCH', path: `/api/hazards/${place[w].hazard}`, body: { status: '上报', clientId: `${RUN}-p-${w}-${role}-${i}` } }),
    own: { default: 403, township: 409, officer: 409 },
    other: { default: 403 },
  },
  {
    // 受理 is no step's target, so an allowed caller gets the lifecycle's 409; the point is who gets that far.
    name: 'PATCH /api/disputes/:id',
    request: (w, role, i) => ({ method: 'PATCH', path: `/api/disputes/${place[w].dispute}`, body: { status: '受理', clientId: `${RUN}-q-${w}-${role}-${i}` } }),
    own: { default: 403, township: 409, officer: 409 },
    other: { default: 403 },
  },
  {
    name: 'POST /api/exports',
    request: () => ({ method: 'POST', path: '/api/exports', body: { kind: 'dashboard-png', view: '/?layer=choropleth' } }),
    own: { default: 201 },
    other: { default: 201 },
  },
  {
    name: 'POST /api/imports/ledger (dry run)',
    request: (w) => ({ method: 'POST', path: `/api/imports/ledger?kind=disputes&dryRun=true&fileName=x.csv&${tw(place[w])}`, body: '受理日期,村（社区）\n' }),
    own: { default: 403, admin: 422, township: 422 },
    other: { default: 403, admin: 422 },
  },
];

/**
 * Mounted routes deliberately without a row, each with its reason. Every other route needs one:
 * the check below fails on a new endpoint nobody added here.
 */
const NOT_IN_MATRIX: Record<string, string> = {
  'GET /api/health': 'open to anyone, no data: answered without a session (checked in the first test below)',
  'POST /api/auth/login': 'the sign-in itself: open to anyone, no role or scope (api/routes/auth.db.test.ts, sign-in-limits.db.test.ts)',
  'POST /api/auth/device': "a wall device's sign-in: open to anyone with a device token, no role or scope (api/routes/auth.db.test.ts)",
  'POST /api/auth/logout': "ends the caller's own session, the one each role's row here is sent with; no role or scope (api/routes/auth.db.test.ts)",
};

function expected(c: Case, w: Which, role: Role): number {
  const e = c[w];
  return e[role] ?? e.default;
}

describe(`authorization matrix: ${ROLES.length} roles x ${CASES.length} endpoints x own/other (${backend})`, () => {
  it('without a session every endpoint but /api/health (and the probe GET /api/auth/me) answers 401 JSON', async () => {
    for (const c of CASES) {
      const r = c.request('own', 'county', 0);
      // The page's session probe answers 200 { user: null } to a browser without a session cookie.
      if (r.path === '/api/auth/me' && (r.method ?? 'GET') === 'GET') {
        const me = await anonymous.request(r.path);
        expect(me.status, c.name).toBe(200);
        expect(await me.json()).toEqual({ user: null, csrfToken: null });
        continue;
      }
      const res = await anonymous.request(r.path, {
        method: r.method ?? 'GET',
        headers: { 'content-type': 'application/json' },
        body: r.body === undefined ? undefined : JSON.stringify(r.body),
      });
      expect(res.status, c.name).toBe(401);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('unauthenticated');
    }
    expect((await anonymous.request('/api/health')).status).toBe(200);
  });

  it('has a row for every mounted route but the few exempted above, and no row that reaches no route', () => {
    const routes = mountedRoutes(anonymous);
    const rows = CASES.map((c) => {
      const r = c.request('own', 'county', 0);
      return { name: c.name, route: routeOf(routes, r.method ?? 'GET', r.path) };
    });
    const covered = new Set(rows.map((r) => r.route));
    const missing = routes.filter((r) => !covered.has(r) && !(r in NOT_IN_MATRIX));
    expect(missing, `mounted routes without a row in the matrix (add one to CASES): ${missing.join(', ')}`).toEqual([]);
    expect(rows.filter((r) => r.route === undefined).map((r) => r.name)).toEqual([]);
    expect(Object.keys(NOT_IN_MATRIX).filter((r) => !routes.includes(r) || covered.has(r))).toEqual([]);
  });

  for (const c of CASES) {
    it(c.name, async () => {
      const got: string[] = [];
      const want: string[] = [];
      let i = 0;
      for (const role of ROLES) {
        for (const w of ['own', 'other'] as const) {
          const r = c.request(w, role, i++);
          const body = r.body === undefined ? undefined : typeof r.body === 'string' ? r.body : JSON.stringify(r.body);
          const type = typeof r.body === 'string' ? 'text/csv' : 'application/json';
          const res = await as[role].request(r.path, { method: r.method ?? 'GET', headers: { 'content-type': type }, body });
          const text = await res.text();
          if (res.headers.get('content-type')?.includes('json')) expect(() => JSON.parse(text)).not.toThrow();
          if (res.status === 403) expect(JSON.parse(text).error.code, `${role} ${w}`).toMatch(/^(forbidden|out_of_scope)$/);
          got.push(`${role}/${w}: ${res.status}`);
          want.push(`${role}/${w}: ${expected(c, w, role)}`);
        }
      }
      expect(got).toEqual(want);
    });
  }
});
