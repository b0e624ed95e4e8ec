import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../app.ts';
import { FailureThrottle } from '../auth/throttle.ts';
import type { DisputeStatus, HazardStatus } from '../contract/enums.ts';
import type { Db } from '../db/index.ts';
import { SYSTEM } from '../db/types.ts';
import { buildDocument } from '../openapi/document.ts';
import { type CorpusContext, expectedStatuses, type MalformedCase, malformedCorpus } from '../test/malformed/index.ts';
import { mountedRoutes, routeOf } from '../test/routes.ts';
import { type SignedIn, signIn } from '../test/sign-in.ts';
import { backend, type TestDb, testDb } from '../test/test-db.ts';

let app: SignedIn;
beforeAll(async () => {
  app = await signIn(createApp((await testDb()).deps), 'demo-county');
});

/** Every endpoint that takes a period (`from`/`to`), but those in PERIOD_ENDPOINTS_LEFT_OUT. */
const ENDPOINTS = [
  '/api/townships',
  '/api/villages',
  '/api/events',
  '/api/stats/summary',
  '/api/stats/trend',
  '/api/stats/ranking',
  '/api/villages/430421110200',
  '/api/coverage',
  '/api/alerts',
  '/api/tiles/villages/10/837/432.mvt',
  '/api/tiles/events/10/837/432.mvt',
];

/** Routes that take a period and are deliberately not in ENDPOINTS, each with its reason. */
const PERIOD_ENDPOINTS_LEFT_OUT: Record<string, string> = {
  // Without its required `type` every request here is refused for that alone; the generated corpus
  // (api/test/malformed/reads.ts) sends it bad periods with a valid `type`.
  'GET /api/stats/categories': 'requires type=',
};

/** Query strings that must each be refused with a 400 on every endpoint that takes periods. */
const BAD_PERIODS = [
  'from=2026-13-01',
  'from=2025-02-29',
  'to=2026-11-31',
  'from=yesterday',
  'from=2026-1-1',
  'from=1999-12-31',
  'to=2100-01-01',
  'from=2026-11-28&to=2026-11-01',
  'from=2000-01-01&to=2020-01-01',
  // One bound: the period is completed with today (over ten years) or a year before `to` (before 2000).
  'from=2000-01-01',
  'to=2000-01-01',
  "from=2026-01-01'%20OR%201=1--",
  'from=<script>alert(1)</script>',
  'from=%00',
  'unknown=1',
];

const BAD_SPECIFIC: [string, string][] = [
  ['/api/villages', 'township=43042111'],
  ['/api/villages', 'township=4304211100'],
  ['/api/villages', "township=430421110'--"],
  ['/api/villages', 'township=../../etc/passwd'],
  ['/api/villages', 'township=430421999'],
  ['/api/events', 'type=crime'],
  ['/api/events', 'type='],
  ['/api/events', 'type=dispute,,hazard,bogus'],
  ['/api/events', 'category=打架'],
  ['/api/events', 'status=done'],
  ['/api/events', 'bbox=1,2,3'],
  ['/api/events', 'bbox=a,b,c,d'],
  ['/api/events', 'bbox=113,27,112,28'],
  ['/api/events', 'bbox=112,28,113,27'],
  ['/api/events', 'bbox=-200,0,10,10'],
  ['/api/events', 'bbox=0,0,90,60'],
  ['/api/events', 'bbox=112,27,112,27'],
  ['/api/events', 'limit=0'],
  ['/api/events', 'limit=-5'],
  ['/api/events', 'limit=1e99x'],
  ['/api/stats/trend', 'interval=day'],
  ['/api/stats/ranking', 'metric=population;DROP TABLE village'],
  ['/api/stats/ranking', 'level=county'],
  ['/api/stats/ranking', 'order=sideways'],
  ['/api/stats/ranking', 'limit=100000'],
  ['/api/villages/abc', ''],
  ['/api/villages/4304211102000', ''],
  ['/api/villages/%27%20OR%201=1', ''],
  ['/api/tiles/villages/10/837/432.mvt', 'campaign=nope'],
  ['/api/tiles/villages/23/0/0.mvt', ''],
  ['/api/tiles/villages/10/1024/0.mvt', ''],
  ['/api/tiles/villages/10/-1/0.mvt', ''],
  ['/api/tiles/villages/1.5/0/0.mvt', ''],
  ['/api/tiles/events/10/837/432.mvt', 'type=crime'],
];

describe(`bad input (${backend})`, () => {
  const cases: [string, string][] = [...ENDPOINTS.flatMap((e) => BAD_PERIODS.map((q): [string, string] => [e, q])), ...BAD_SPECIFIC];

  it(`answers each of ${cases.length} malformed requests with a 400 JSON error and changes nothing`, async () => {
    const db = (await testDb()).db;
    const count = () =>
      db.read(
        SYSTEM,
        async (h) => (await h.query<{ n: number }>(`SELECT (SELECT count(*) FROM dispute) + (SELECT count(*) FROM hazard) + (SELECT count(*) FROM village) AS n`))[0]!.n,
      );
    const before = await count();
    for (const [path, q] of cases) {
      const res = await app.request(q ? `${path}?${q}` : path);
      const body = (await res.json()) as { error?: { code: string; message: string } };
      expect(res.status, `${path}?${q}`).toBe(400);
      expect(body.error?.code, `${path}?${q}`).toBe('invalid_request');
      expect(body.error?.message.length).toBeGreaterThan(5);
    }
    expect(await count()).toBe(before);
  });

  it('sends its bad periods to every endpoint that takes one (as the OpenAPI document lists them)', async () => {
    const probe = createApp((await testDb()).deps);
    const routes = mountedRoutes(probe);
    const doc = await buildDocument(probe);
    const takingPeriods = Object.entries(doc.paths).flatMap(([path, item]) =>
      Object.entries((item ?? {}) as Record<string, { parameters?: { name: string }[] }>)
        .filter(([, op]) => op.parameters?.some((p) => p.name === 'from'))
        .map(([method]) => `${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`),
    );
    expect(takingPeriods.length).toBeGreaterThan(5);
    const listed = new Set(ENDPOINTS.map((e) => routeOf(routes, 'GET', e)));
    const missing = takingPeriods.filter((r) => !listed.has(r) && !(r in PERIOD_ENDPOINTS_LEFT_OUT));
    expect(missing, `endpoints taking a period missing from ENDPOINTS: ${missing.join(', ')}`).toEqual([]);
  });

  it.each([['/api/nothing-here'], ['/api/villages/430421110200/extra'], ['/api/../etc/passwd']])('answers an unknown path %s with a 404 JSON error', async (path) => {
    const res = await app.request(path);
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('not_found');
  });

  it('answers a write method on a read endpoint with a JSON 404', async () => {
    const res = await app.request('/api/villages', { method: 'DELETE' });
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: { code: 'not_found' } });
  });
});

// ---------------------------------------------------------------------------------------------
// The generated corpus (api/test/malformed/): thousands of malformed requests across
// every endpoint, each answered with a 4xx JSON error, none changing a row.

/** Tables whose rows no refused request may touch: count and a checksum of every row's text. */
const FOOTPRINT_TABLES = [
  'dispute',
  'hazard',
  'visit',
  'status_change',
  'app_user',
  'device_token',
  'import_batch',
  'village',
  'township',
  'county',
  'officer',
  'guardian',
  'hazard_routing',
  'hazard_deadline',
  'app_meta',
] as const;

/**
 * Row counts and checksums. Sessions are compared by token, user and device only (a request
 * refreshes `last_seen_at`); the audit log is checked apart (failed sign-ins are audited).
 */
async function footprint(db: Db): Promise<Record<string, string>> {
  return db.read(SYSTEM, async (h) => {
    const out: Record<string, string> = {};
    for (const table of FOOTPRINT_TABLES) {
      const [row] = await h.query<{ n: number; h: string }>(`SELECT count(*)::int AS n, md5(coalesce(string_agg(x::text, '|' ORDER BY x::text), '')) AS h FROM ${table} x`);
      out[table] = `${row!.n} ${row!.h}`;
    }
    const [s] = await h.query<{ n: number; h: string }>(
      `SELECT count(*)::int AS n,
              md5(coalesce(string_agg(token_sha256 || ':' || user_id || ':' || coalesce(device_id::text, '-'), '|' ORDER BY token_sha256), '')) AS h
       FROM app_session`,
    );
    out.app_session = `${s!.n} ${s!.h}`;
    return out;
  });
}

/** Real rows for the corpus: a village of 界牌镇 with its officer, open events, another township's. */
async function corpusContext(db: Db): Promise<CorpusContext> {
  const township = '430421110';
  return db.read(SYSTEM, async (h) => {
    const villages = await h.query<{ code: string; lng: number; lat: number; officer: string }>(
      `SELECT v.code, ST_X(v.label_point) AS lng, ST_Y(v.label_point) AS lat, o.id AS officer
       FROM village v JOIN officer o ON o.village_code = v.code WHERE v.township_code = $1 ORDER BY v.code LIMIT 2`,
      [township],
    );
    const [missing] = await h.query<{ code: string }>(
      `SELECT $1 || lpad(g::text, 3, '0') AS code FROM generate_series(999, 1, -1) g
       WHERE NOT EXISTS (SELECT 1 FROM village WHERE code = $1 || lpad(g::text, 3, '0')) LIMIT 1`,
      [township],
    );
    const [other] = await h.query<{ code: string; township: string; lng: number; lat: number }>(
      `SELECT code, township_code AS township, ST_X(label_point) AS lng, ST_Y(label_point) AS lat FROM village WHERE township_code <> $1 ORDER BY code LIMIT 1`,
      [township],
    );
    const [hazard] = await h.query<{ id: string; status: HazardStatus }>(
      `SELECT id, status FROM hazard WHERE left(village_code, 9) = $1 AND status <> '已办结' ORDER BY id LIMIT 1`,
      [township],
    );
    const [dispute] = await h.query<{ id: string; status: DisputeStatus }>(
      `SELECT id, status FROM dispute WHERE left(village_code, 9) = $1 AND status IN ('受理', '调处中') ORDER BY id LIMIT 1`,
      [township],
    );
    const [otherHazard] = await h.query<{ id: string }>(`SELECT id FROM hazard WHERE left(village_code, 9) <> $1 ORDER BY id LIMIT 1`, [township]);
    const [otherDispute] = await h.query<{ id: string }>(`SELECT id FROM dispute WHERE left(village_code, 9) <> $1 ORDER BY id LIMIT 1`, [township]);
    const users = await h.query<{ id: number; username: string }>(`SELECT id, username FROM app_user WHERE username IN ('demo-wall', 'demo-county')`);
    const [v, n] = villages;
    if (!v || !n || !missing || !other || !hazard || !dispute || !otherHazard || !otherDispute) throw new Error('the seeded database lacks rows the corpus needs');
    const userId = (name: string) => users.find((u) => u.username === name)?.id ?? Number.NaN;
    return {
      township,
      village: { code: v.code, lng: v.lng, lat: v.lat },
      officerId: v.officer,
      neighbour: { code: n.code, lng: n.lng, lat: n.lat },
      missingVillage: missing.code,
      otherTownship: other.township,
      otherVillage: { code: other.code, lng: other.lng, lat: other.lat },
      hazard,
      dispute,
      otherHazardId: otherHazard.id,
      otherDisputeId: otherDispute.id,
      wallUserId: userId('demo-wall'),
      countyUserId: userId('demo-county'),
      smallImportMaxBytes: 1024,
    };
  });
}

describe(`malformed request corpus (${backend})`, () => {
  let t: TestDb;
  let corpus: MalformedCase[];
  let main: ReturnType<typeof createApp>;
  let small: ReturnType<typeof createApp>;
  let sessions: Record<'county' | 'township' | 'admin', SignedIn>;
  let before: Record<string, string>;
  /** The last audit entry before the corpus (bigint, as text). */
  let auditFrom: string;

  beforeAll(async () => {
    t = await testDb();
    // A throttle of its own: the corpus's failed sign-ins must not throttle other files' sign-ins.
    const throttle = new FailureThrottle();
    const ctx = await corpusContext(t.db);
    main = createApp({ ...t.deps, throttle });
    small = createApp({ ...t.deps, throttle, config: { ...t.config, IMPORT_MAX_BYTES: ctx.smallImportMaxBytes } });
    sessions = {
      county: await signIn(main, 'demo-county'),
      township: await signIn(main, 'demo-township'),
      admin: await signIn(main, 'demo-admin'),
    };
    corpus = malformedCorpus(ctx);
    // After signing in: sign-ins change sessions and last_login_at.
    before = await footprint(t.db);
    auditFrom = (await t.db.read(SYSTEM, (h) => h.query<{ id: string }>('SELECT coalesce(max(id), 0)::text AS id FROM audit_log')))[0]!.id;
  });

  function send(c: MalformedCase): Promise<Response> {
    const headers = new Headers(c.headers);
    if (c.as !== 'none') {
      const s = sessions[c.as];
      headers.set('cookie', s.cookie);
      if (c.method !== 'GET') {
        const mode = c.csrf ?? 'valid';
        const other = sessions[c.as === 'county' ? 'township' : 'county'];
        const token = { valid: s.csrfToken, wrong: 'x'.repeat(s.csrfToken.length), empty: '', foreign: other.csrfToken, missing: undefined }[mode];
        if (token !== undefined) headers.set('x-csrf-token', token);
      }
    }
    return Promise.resolve((c.smallImportLimit ? small : main).request(c.path, { method: c.method, headers, ...(c.body === undefined ? {} : { body: c.body }) }));
  }

  /** What is wrong with the answer to a case, or null. */
  async function problem(c: MalformedCase): Promise<string | null> {
    let res: Response;
    try {
      res = await send(c);
    } catch (e) {
      return `${c.name}: the request threw ${String(e)}`;
    }
    const text = await res.text();
    const type = res.headers.get('content-type') ?? '';
    const seen = `${c.name}\n    ${c.method} ${c.path.slice(0, 160)}${c.path.length > 160 ? '...' : ''}\n    -> ${res.status} ${type} ${text.slice(0, 300)}`;
    if (res.status < 400 || res.status > 499) return `not a 4xx: ${seen}`;
    if (!expectedStatuses(c).includes(res.status)) return `expected ${String(c.status)}: ${seen}`;
    if (!/^application\/json\b/.test(type)) return `not JSON: ${seen}`;
    let body: { error?: { code?: unknown; message?: unknown; fields?: unknown } };
    try {
      body = JSON.parse(text);
    } catch {
      return `unparseable JSON: ${seen}`;
    }
    const e = body?.error;
    if (!e || typeof e.code !== 'string' || !e.code || typeof e.message !== 'string' || !e.message) return `no { error: { code, message } }: ${seen}`;
    if (e.fields !== undefined && (typeof e.fields !== 'object' || e.fields === null || Object.values(e.fields).some((f) => typeof f !== 'string'))) {
      return `error.fields is not { field: message }: ${seen}`;
    }
    if (c.code && e.code !== c.code) return `expected code ${c.code}: ${seen}`;
    if (/\n\s+at |node_modules|\.ts:\d+/.test(e.message)) return `leaks a stack trace: ${seen}`;
    return null;
  }

  it('sends a corpus of at least 300 cases', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(300);
    expect(new Set(corpus.map((c) => c.name)).size).toBe(corpus.length);
  });

  it('answers every malformed request with a 4xx JSON error', { timeout: 600_000 }, async () => {
    const problems: string[] = [];
    let sent = 0;
    for (const c of corpus) {
      const p = await problem(c);
      sent++;
      if (p) problems.push(p);
    }
    expect(problems, `${problems.length} of ${sent} cases answered wrongly:\n${problems.join('\n')}`).toEqual([]);
    expect(sent).toBeGreaterThanOrEqual(300);
  });

  it('changed no row (and audited only the failed sign-ins)', async () => {
    expect(await footprint(t.db)).toEqual(before);
    const audited = await t.db.read(SYSTEM, (h) =>
      h.query<{ action: string; n: number }>('SELECT action, count(*)::int AS n FROM audit_log WHERE id > $1::bigint GROUP BY action ORDER BY action', [auditFrom]),
    );
    const expected: Record<string, number> = {};
    for (const c of corpus) if (c.audit) expected[c.audit] = (expected[c.audit] ?? 0) + 1;
    expect(Object.fromEntries(audited.map((r) => [r.action, r.n]))).toEqual(expected);
  });
});
