import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../app.ts';
import { FailureThrottle } from '../auth/throttle.ts';
import { SYSTEM } from '../db/types.ts';
import { type SignedIn, signIn } from '../test/sign-in.ts';
import { backend, type TestDb, testDb } from '../test/test-db.ts';

const JIEPAI = '430421110';
let t: TestDb;
let app: ReturnType<typeof createApp>;
let admin: SignedIn;
const RUN = `au${Date.now().toString(36)}`;

beforeAll(async () => {
  t = await testDb();
  app = createApp({ ...t.deps, throttle: new FailureThrottle() });
  admin = await signIn(app, 'demo-admin');
});

afterAll(async () => {
  await t.db.write(SYSTEM, (h) => h.query(`DELETE FROM dispute WHERE client_id LIKE $1`, [`${RUN}%`]));
});

const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  app.request(path, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

describe(`sign-in and sessions (${backend})`, () => {
  it('login sets an httpOnly SameSite=Strict cookie and answers the user; me and logout follow it', async () => {
    const res = await post('/api/auth/login', { username: 'demo-township', password: 'hengyang-demo' });
    expect(res.status).toBe(200);
    const cookie = res.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^hy_session=[\w-]{43};/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).not.toMatch(/Secure/);
    const body = (await res.json()) as { user: Record<string, unknown>; csrfToken: string };
    expect(body.user).toEqual({
      id: expect.any(Number),
      username: 'demo-township',
      displayName: expect.any(String),
      role: 'township',
      townshipCode: JIEPAI,
      townshipName: '界牌镇',
      villageCodes: null,
    });
    const session = cookie.split(';')[0]!;
    const me = await app.request('/api/auth/me', { headers: { cookie: session } });
    expect(((await me.json()) as { user: { username: string } }).user.username).toBe('demo-township');
    // A write without the CSRF token is refused, with it accepted.
    expect((await post('/api/auth/logout', {}, { cookie: session })).status).toBe(403);
    expect((await post('/api/auth/logout', {}, { cookie: session, 'x-csrf-token': 'wrong' })).status).toBe(403);
    const out = await post('/api/auth/logout', {}, { cookie: session, 'x-csrf-token': body.csrfToken });
    expect(out.status).toBe(200);
    expect(out.headers.get('set-cookie')).toMatch(/hy_session=;.*Max-Age=0/);
    expect((await app.request('/api/auth/me', { headers: { cookie: session } })).status).toBe(401);
  });

  it('marks the cookie Secure behind HTTPS', async () => {
    const res = await post('/api/auth/login', { username: 'demo-county', password: 'hengyang-demo' }, { 'x-forwarded-proto': 'https' });
    expect(res.headers.get('set-cookie')).toMatch(/; Secure/);
  });

  it('stores only hashes: no password or session token in the database', async () => {
    const s = await signIn(app, 'demo-county');
    const token = s.cookie.split('=')[1]!;
    const rows = await t.db.read(SYSTEM, (h) =>
      h.query<{ hit: boolean; hash: string }>(
        `SELECT EXISTS (SELECT 1 FROM app_session WHERE token_sha256 = $1) AS hit, (SELECT password_hash FROM app_user WHERE username = 'demo-county') AS hash`,
        [token],
      ),
    );
    expect(rows[0]!.hit).toBe(false);
    expect(rows[0]!.hash).toMatch(/^scrypt\$/);
    expect(rows[0]!.hash).not.toContain('hengyang-demo');
  });

  it('locks an account after 5 wrong passwords (429 with Retry-After), even for the right one, and audits it', async () => {
    const create = await admin.request('/api/admin/users', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: `${RUN}-lock`, displayName: 'lock test', password: 'correct-horse-1', role: 'county' }),
    });
    expect(create.status).toBe(201);
    const statuses = [];
    for (let i = 0; i < 5; i++) statuses.push((await post('/api/auth/login', { username: `${RUN}-lock`, password: `wrong-${i}` })).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401]);
    const locked = await post('/api/auth/login', { username: `${RUN}-lock`, password: 'correct-horse-1' });
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(800);
    expect(((await locked.json()) as { error: { code: string; retryAfterSeconds: number } }).error).toMatchObject({
      code: 'too_many_attempts',
      retryAfterSeconds: expect.any(Number),
    });
    const audit = (await (await admin.request('/api/admin/audit?limit=20')).json()) as { entries: { actor: string; action: string }[] };
    const mine = audit.entries.filter((e) => e.actor === `${RUN}-lock`).map((e) => e.action);
    expect(mine.filter((a) => a === 'auth.login_failed')).toHaveLength(5);
    expect(mine).toContain('auth.login_locked');
  });

  it('throttles a client address after 20 failures across any usernames', async () => {
    const own = createApp({ ...t.deps, throttle: new FailureThrottle(20) });
    const req = (u: string) =>
      own.request('/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: u, password: 'nope-nope-1' }) });
    for (let i = 0; i < 20; i++) expect((await req(`${RUN}-ghost-${i}`)).status).toBe(401);
    expect((await req('demo-county')).status).toBe(429);
  });

  it('a disabled user cannot sign in, and disabling ends their sessions', async () => {
    await admin.request('/api/admin/users', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: `${RUN}-off`, displayName: 'off', password: 'correct-horse-2', role: 'wall' }),
    });
    const s = await signIn(app, `${RUN}-off`, 'correct-horse-2');
    const users = (await (await admin.request('/api/admin/users')).json()) as { users: { id: number; username: string }[] };
    const id = users.users.find((u) => u.username === `${RUN}-off`)!.id;
    const patched = await admin.request(`/api/admin/users/${id}`, { method: 'PATCH', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ disabled: true }) });
    expect(patched.status).toBe(200);
    expect((await s.request('/api/stats/summary')).status).toBe(401);
    expect((await post('/api/auth/login', { username: `${RUN}-off`, password: 'correct-horse-2' })).status).toBe(401);
  });

  it('a user changes their own password: the current one is checked, other sessions end, this one goes on under a new cookie', async () => {
    const add = await admin.request('/api/admin/users', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: `${RUN}-pw`, displayName: 'pw', password: 'first-pass-1', role: 'county' }),
    });
    expect(add.status).toBe(201);
    const here = await signIn(app, `${RUN}-pw`, 'first-pass-1');
    const elsewhere = await signIn(app, `${RUN}-pw`, 'first-pass-1');
    const change = (body: unknown) => here.request('/api/auth/password', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const wrong = await change({ currentPassword: 'not-it-123', newPassword: 'second-pass-2' });
    expect(wrong.status).toBe(400);
    expect(((await wrong.json()) as { error: { fields: Record<string, string> } }).error.fields).toHaveProperty('currentPassword');
    expect((await change({ currentPassword: 'first-pass-1', newPassword: 'short' })).status).toBe(400);
    const ok = await change({ currentPassword: 'first-pass-1', newPassword: 'second-pass-2' });
    expect(ok.status).toBe(200);
    const cookie = /hy_session=[^;]+/.exec(ok.headers.get('set-cookie') ?? '')![0];
    expect(cookie).not.toBe(here.cookie);
    expect((await app.request('/api/auth/me', { headers: { cookie } })).status).toBe(200);
    expect((await here.request('/api/auth/me')).status).toBe(401);
    expect((await elsewhere.request('/api/auth/me')).status).toBe(401);
    expect((await post('/api/auth/login', { username: `${RUN}-pw`, password: 'first-pass-1' })).status).toBe(401);
    await signIn(app, `${RUN}-pw`, 'second-pass-2');
  });

  it('refuses weak passwords and duplicate usernames with field errors', async () => {
    const add = (body: unknown) => admin.request('/api/admin/users', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const weak = await add({ username: `${RUN}-weak`, displayName: 'w', password: 'short', role: 'county' });
    expect(weak.status).toBe(400);
    expect(((await weak.json()) as { error: { fields: Record<string, string> } }).error.fields.password).toMatch(/10 characters/);
    const noTownship = await add({ username: `${RUN}-tw`, displayName: 'w', password: 'long-enough-1', role: 'township' });
    expect(((await noTownship.json()) as { error: { fields: Record<string, string> } }).error.fields).toHaveProperty('townshipCode');
    expect((await add({ username: 'demo-county', displayName: 'x', password: 'long-enough-1', role: 'county' })).status).toBe(409);
  });
});

describe(`wall device tokens (${backend})`, () => {
  it('an admin issues a token; the wall signs in with it; revoking ends the wall session', async () => {
    const users = (await (await admin.request('/api/admin/users')).json()) as { users: { id: number; username: string }[] };
    const wallId = users.users.find((u) => u.username === 'demo-wall')!.id;
    const created = await admin.request('/api/admin/devices', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: '指挥中心大屏 1', userId: wallId }),
    });
    expect(created.status).toBe(201);
    const { device, token } = (await created.json()) as { device: { id: number }; token: string };
    expect(token).toMatch(/^hyw_/);
    const login = await post('/api/auth/device', { token });
    expect(login.status).toBe(200);
    expect(login.headers.get('set-cookie')).toMatch(/Max-Age=34560000/);
    const session = login.headers.get('set-cookie')!.split(';')[0]!;
    expect((await app.request('/api/stats/summary', { headers: { cookie: session } })).status).toBe(200);
    expect((await admin.request(`/api/admin/devices/${device.id}`, { method: 'DELETE' })).status).toBe(200);
    expect((await app.request('/api/stats/summary', { headers: { cookie: session } })).status).toBe(401);
    expect((await post('/api/auth/device', { token })).status).toBe(401);
    // Only wall users get devices.
    const county = users.users.find((u) => u.username === 'demo-county')!.id;
    expect(
      (await admin.request('/api/admin/devices', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'x', userId: county }) })).status,
    ).toBe(400);
  });
});

describe(`scoping in the database (${backend})`, () => {
  it("requests run as hengyang_county or hengyang_app: no superuser, no BYPASSRLS, not the tables' owner", async () => {
    const who = (scope: Parameters<typeof t.db.read>[0]) =>
      t.db.read(
        scope,
        async (h) =>
          (
            await h.query<{ u: string; s: boolean; b: boolean; owner: string }>(
              `SELECT current_user AS u, r.rolsuper AS s, r.rolbypassrls AS b, (SELECT tableowner FROM pg_tables WHERE tablename = 'dispute') AS owner
       FROM pg_roles r WHERE r.rolname = current_user`,
            )
          )[0]!,
      );
    for (const [scope, role] of [
      [{ kind: 'county' }, 'hengyang_county'],
      [{ kind: 'township', township: JIEPAI }, 'hengyang_app'],
      [{ kind: 'none' }, 'hengyang_app'],
    ] as const) {
      const r = await who(scope);
      expect(r).toMatchObject({ u: role, s: false, b: false });
      expect(r.owner).not.toBe(role);
    }
    const forced = await t.db.read(SYSTEM, (h) =>
      h.query<{ relname: string }>(`SELECT relname FROM pg_class WHERE relname = ANY($1) AND relrowsecurity AND relforcerowsecurity ORDER BY relname`, [
        ['township', 'village', 'officer', 'guardian', 'visit', 'dispute', 'hazard', 'status_change', 'import_batch', 'campaign'],
      ]),
    );
    expect(forced).toHaveLength(10);
  });

  it("even raw SQL sees only the scope: a township, an officer's village, nothing without a scope", async () => {
    const count = (scope: Parameters<typeof t.db.read>[0]) =>
      t.db.read(
        scope,
        async (h) =>
          (
            await h.query<{ d: number; v: number; t: number; other: number }>(
              `SELECT (SELECT count(*)::int FROM dispute) AS d, (SELECT count(*)::int FROM village) AS v, (SELECT count(*)::int FROM township) AS t,
                (SELECT count(*)::int FROM dispute WHERE left(village_code, 9) <> '${JIEPAI}') AS other`,
            )
          )[0]!,
      );
    const all = await count(SYSTEM);
    const [own] = await t.db.read(SYSTEM, (h) =>
      h.query<{ d: number; v: number }>(
        `SELECT (SELECT count(*)::int FROM dispute WHERE village_code LIKE '${JIEPAI}%') AS d, (SELECT count(*)::int FROM village WHERE township_code = '${JIEPAI}') AS v`,
      ),
    );
    expect(await count({ kind: 'county' })).toEqual(all);
    expect(await count({ kind: 'township', township: JIEPAI })).toEqual({ d: own!.d, v: own!.v, t: 1, other: 0 });
    const village = (await signIn(app, 'demo-officer')).user.villageCodes![0]!;
    const officer = await count({ kind: 'villages', township: JIEPAI, villages: [village] });
    expect(officer).toMatchObject({ v: 1, t: 1, other: 0 });
    expect(officer.d).toBeLessThan(own!.d);
    expect(await count({ kind: 'none' })).toEqual({ d: 0, v: 0, t: 0, other: 0 });
  });

  it("a chief's or officer's transaction cannot read accounts, sessions or the audit log", async () => {
    for (const table of ['app_user', 'app_session', 'device_token', 'audit_log']) {
      await expect(
        t.db.read({ kind: 'township', township: JIEPAI }, (h) => h.query(`SELECT count(*) FROM ${table}`)),
        table,
      ).rejects.toThrow(/permission denied/);
    }
  });

  it('refuses to write a row outside the scope, at the database', async () => {
    const other = await t.db.read(SYSTEM, (h) => h.query<{ code: string }>(`SELECT code FROM village WHERE township_code <> '${JIEPAI}' LIMIT 1`));
    await expect(
      t.db.write({ kind: 'township', township: JIEPAI }, (h) =>
        h.query(
          `INSERT INTO dispute (id, client_id, category, channel, status, village_code, received_at, geom) VALUES ('DS9999999', '${RUN}-rls', '其他', '综治中心', '受理', $1, now(), ST_SetSRID(ST_MakePoint(112.4, 27.0), 4326))`,
          [other[0]!.code],
        ),
      ),
    ).rejects.toThrow(/row-level security/);
  });

  it('audits every change of the routing and deadline rules, made in the database', async () => {
    const [before] = await t.db.read(SYSTEM, (h) => h.query<{ days: number }>('SELECT days FROM hazard_deadline WHERE severity = 4'));
    await t.db.write(SYSTEM, (h) => h.query('UPDATE hazard_deadline SET days = days + 1 WHERE severity = 4'));
    await t.db.write(SYSTEM, (h) => h.query('UPDATE hazard_deadline SET days = $1 WHERE severity = 4', [before!.days]));
    const [last] = await t.db.read(SYSTEM, (h) =>
      h.query<{ action: string; target: string; detail: { op: string; old: { days: number }; new: { days: number } } }>(
        `SELECT action, target, detail FROM audit_log WHERE action = 'rule.change' ORDER BY id DESC LIMIT 1`,
      ),
    );
    expect(last).toMatchObject({ action: 'rule.change', target: 'hazard_deadline', detail: { op: 'UPDATE', old: { days: before!.days + 1 }, new: { days: before!.days } } });
  });

  it('the audit log is append-only, for the app role and for the owner', async () => {
    await expect(t.db.write({ kind: 'county' }, (h) => h.query(`UPDATE audit_log SET actor = 'x'`))).rejects.toThrow(/permission denied|append-only/);
    await expect(t.db.write({ kind: 'county' }, (h) => h.query(`DELETE FROM audit_log`))).rejects.toThrow(/permission denied|append-only/);
    await expect(t.db.write(SYSTEM, (h) => h.query(`DELETE FROM audit_log`))).rejects.toThrow(/append-only/);
    await expect(t.db.write(SYSTEM, (h) => h.query(`TRUNCATE audit_log`))).rejects.toThrow(/append-only/);
  });
});

describe(`what each role gets (${backend})`, () => {
  it("a township chief's map, KPIs and rankings are their township's, equal to the county view of it", async () => {
    const county = await signIn(app, 'demo-county');
    const chief = await signIn(app, 'demo-township');
    const json = async (s: SignedIn, p: string) => (await s.request(p)).json() as Promise<any>;
    const mine = await json(chief, '/api/villages');
    expect(new Set(mine.features.map((f: any) => f.properties.townshipCode))).toEqual(new Set([JIEPAI]));
    expect(await json(chief, '/api/stats/summary')).toEqual(await json(county, `/api/stats/summary?township=${JIEPAI}`));
    expect((await json(chief, '/api/townships')).features.map((f: any) => f.properties.code)).toEqual([JIEPAI]);
    // Events carry points, not codes: every one lies inside 界牌镇.
    const events = await json(chief, '/api/events?type=dispute,hazard,visit');
    expect(events.rows.length).toBeGreaterThan(0);
    const [{ outside }] = (await t.db.read(SYSTEM, (h) =>
      h.query<{ outside: number }>(
        `SELECT count(*)::int AS outside FROM unnest($1::float8[], $2::float8[]) AS p(lng, lat)
       WHERE NOT EXISTS (SELECT 1 FROM township w WHERE w.code = $3 AND ST_DWithin(w.geom, ST_SetSRID(ST_MakePoint(p.lng, p.lat), 4326), 1e-9))`,
        [events.rows.map((r: any) => r.lng), events.rows.map((r: any) => r.lat), JIEPAI],
      ),
    )) as [{ outside: number }];
    expect(outside).toBe(0);
  });

  it("a chief imports their own township's ledger; rows of another township are refused, and nothing of it is written", async () => {
    const chief = await signIn(app, 'demo-township');
    const csv = (rows: string[]) => ['走访日期,乡镇,村(社区),民警,警号,走访形式', ...rows].join('\n');
    const post = (body: string, q = '') =>
      chief.request(`/api/imports/ledger?kind=visits&fileName=${RUN}.csv${q}`, { method: 'POST', headers: { 'content-type': 'text/csv' }, body });
    const own = await post(csv(['2025-06-01,界牌镇,银溪村,吴伟超,OF0220,入户走访']));
    const ownBody = (await own.json()) as { applied: boolean; inserted: number; batchId: number };
    try {
      expect(own.status).toBe(200);
      expect(ownBody).toMatchObject({ applied: true, inserted: 1 });
      const [batch] = await t.db.read(SYSTEM, (h) => h.query<{ township_code: string }>('SELECT township_code FROM import_batch WHERE id = $1', [ownBody.batchId]));
      expect(batch!.township_code).toBe(JIEPAI);
      const before = await t.db.read(SYSTEM, (h) => h.query<{ n: number }>(`SELECT count(*)::int AS n FROM visit WHERE client_id LIKE 'ledger:%'`));
      const other = await post(csv(['2025-06-02,界牌镇,界牌村,罗湘,,法治宣讲', '2025-06-07,渣江镇,沐林村委会,陈峰家,,电影放映']));
      expect(other.status).toBe(422);
      expect(await t.db.read(SYSTEM, (h) => h.query<{ n: number }>(`SELECT count(*)::int AS n FROM visit WHERE client_id LIKE 'ledger:%'`))).toEqual(before);
      expect((await post(csv(['2025-06-01,界牌镇,银溪村,吴伟超,OF0220,入户走访']), '&township=430421111')).status).toBe(403);
    } finally {
      await t.db.write(SYSTEM, async (h) => {
        await h.query(`DELETE FROM visit WHERE client_id LIKE 'ledger:%'`);
        await h.query(`DELETE FROM import_batch WHERE kind LIKE 'ledger-%'`);
      });
    }
  });

  it('a status-change client id used in another township is not a 409: client ids are per township', async () => {
    const other = '430421111';
    const add = await admin.request('/api/admin/users', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: `${RUN}-chief2`, displayName: 'chief 2', password: 'correct-horse-3', role: 'township', townshipCode: other }),
    });
    expect(add.status).toBe(201);
    const chief2 = await signIn(app, `${RUN}-chief2`, 'correct-horse-3');
    const chief = await signIn(app, 'demo-township');
    // A fresh hazard (上报) in each township, reported by its own chief.
    const report = async (s: SignedIn, tw: string, n: number) => {
      const [v] = await t.db.read(SYSTEM, (h) =>
        h.query<{ lng: number; lat: number }>(`SELECT ST_X(label_point) AS lng, ST_Y(label_point) AS lat FROM village WHERE township_code = $1 ORDER BY code LIMIT 1`, [tw]),
      );
      const res = await s.request('/api/hazards', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ clientId: `${RUN}-hz-${n}`, category: '治安', severity: 2, lng: v!.lng, lat: v!.lat }),
      });
      expect(res.status).toBe(201);
      return ((await res.json()) as { id: string }).id;
    };
    const a = await report(chief2, other, 1);
    const b = await report(chief, JIEPAI, 2);
    const patch = (s: SignedIn, id: string) =>
      s.request(`/api/hazards/${id}`, { method: 'PATCH', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ status: '已分流', clientId: `${RUN}-shared` }) });
    try {
      expect((await patch(chief2, a)).status).toBe(200);
      expect((await patch(chief, b)).status).toBe(200);
      const [row] = await t.db.read(SYSTEM, (h) => h.query<{ status: string }>('SELECT status FROM hazard WHERE id = $1', [b]));
      expect(row!.status).toBe('已分流');
    } finally {
      await t.db.write(SYSTEM, async (h) => {
        await h.query(`DELETE FROM status_change WHERE entity_id = ANY($1)`, [[a, b]]);
        await h.query(`DELETE FROM hazard WHERE id = ANY($1)`, [[a, b]]);
      });
    }
  });

  it('personal data: the officer and the county see it, the chief masked, the wall not at all', async () => {
    const officer = await signIn(app, 'demo-officer');
    const village = officer.user.villageCodes![0]!;
    const [v] = await t.db.read(SYSTEM, (h) =>
      h.query<{ lng: number; lat: number }>(`SELECT ST_X(label_point) AS lng, ST_Y(label_point) AS lat FROM village WHERE code = $1`, [village]),
    );
    const res = await officer.request('/api/disputes', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ clientId: `${RUN}-pd`, category: '婚姻家庭', channel: '综治中心', lng: v!.lng, lat: v!.lat, partyName: '张三丰', partyPhone: '13812341234' }),
    });
    expect(res.status).toBe(201);
    const { id } = (await res.json()) as { id: string };
    const view = async (who: string) => {
      const r = await (await signIn(app, who)).request(`/api/disputes/${id}`);
      return r.status === 200 ? ((await r.json()) as { partyName: string; partyPhone: string } as { partyName: string; partyPhone: string }) : r.status;
    };
    expect(await view('demo-officer')).toMatchObject({ partyName: '张三丰', partyPhone: '13812341234' });
    expect(await view('demo-county')).toMatchObject({ partyName: '张三丰', partyPhone: '13812341234' });
    expect(await view('demo-township')).toMatchObject({ partyName: '张**', partyPhone: '138****1234' });
    expect(await view('demo-wall')).toBe(403);
    const officerPhone = async (who: string) => {
      const res = await (await signIn(app, who)).request(`/api/villages/${village}`);
      return ((await res.json()) as { officer: { phone: string | null } }).officer.phone;
    };
    expect(await officerPhone('demo-county')).toMatch(/^1\d{10}$/);
    expect(await officerPhone('demo-wall')).toBeNull();
    const wallDetail = (await (await (await signIn(app, 'demo-wall')).request(`/api/villages/${village}`)).json()) as {
      openDisputes: { summary: string }[];
      openHazards: { description: string }[];
    };
    expect(wallDetail.openDisputes.length).toBeGreaterThan(0);
    expect([...wallDetail.openDisputes.map((d) => d.summary), ...wallDetail.openHazards.map((z) => z.description)].every((s) => s === '')).toBe(true);
    const audited = await t.db.read(SYSTEM, (h) =>
      h.query<{ actor: string; role: string }>(`SELECT actor, role FROM audit_log WHERE action = 'intake.dispute' AND target = $1`, [id]),
    );
    expect(audited).toEqual([{ actor: 'demo-officer', role: 'officer' }]);
  });
});
