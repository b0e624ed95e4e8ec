import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../app.ts';
import { SYSTEM } from '../db/types.ts';
import { type SignedIn, signIn } from '../test/sign-in.ts';
import { backend, type TestDb, testDb } from '../test/test-db.ts';

let t: TestDb;
let app: SignedIn;
let inside: { code: string; lng: number; lat: number; officer: string; neighbour: string };
const RUN = `t${Date.now().toString(36)}`;

beforeAll(async () => {
  t = await testDb();
  app = await signIn(createApp(t.deps), 'demo-township');
  const [row] = await t.db.read(SYSTEM, (h) =>
    h.query<{ code: string; lng: number; lat: number; officer: string; neighbour: string }>(`
      SELECT v.code, ST_X(v.label_point) AS lng, ST_Y(v.label_point) AS lat, o.id AS officer,
             (SELECT n.code FROM village n WHERE n.township_code = v.township_code AND n.code <> v.code ORDER BY n.code LIMIT 1) AS neighbour
      FROM village v JOIN officer o ON o.village_code = v.code WHERE v.code LIKE '430421110%' ORDER BY v.code LIMIT 1`),
  );
  inside = row!;
});

// Leave the shared database as the other test files expect it.
afterAll(async () => {
  await t.db.write(SYSTEM, async (h) => {
    await h.query(`DELETE FROM status_change WHERE entity_id IN (SELECT id FROM hazard WHERE client_id LIKE $1 UNION ALL SELECT id FROM dispute WHERE client_id LIKE $1)`, [
      `${RUN}%`,
    ]);
    for (const table of ['hazard', 'dispute', 'visit']) await h.query(`DELETE FROM ${table} WHERE client_id LIKE $1`, [`${RUN}%`]);
  });
});

async function send(method: 'POST' | 'PATCH', path: string, body: unknown, headers: Record<string, string> = {}) {
  const res = await app.request(path, { method, body: typeof body === 'string' ? body : JSON.stringify(body), headers: { 'content-type': 'application/json', ...headers } });
  return { status: res.status, body: (await res.json()) as any };
}

const count = (table: string) => t.db.read(SYSTEM, async (h) => (await h.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`))[0]!.n);

describe(`intake (${backend})`, () => {
  it('POST /api/hazards locates, routes and sets a deadline by severity; a retry answers 200 with the same id', async () => {
    const before = await count('hazard');
    const body = { clientId: `${RUN}-h1`, category: '消防', severity: 3, lng: inside.lng, lat: inside.lat, description: '仓库电线老化' };
    const first = await send('POST', '/api/hazards', body);
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ villageCode: inside.code, townshipCode: '430421110', department: '消防救援大队', status: '上报', category: '消防', severity: 3 });
    expect(Date.parse(first.body.deadline) - Date.parse(first.body.reportedAt)).toBe(7 * 86400_000);
    const retry = await send('POST', '/api/hazards', body);
    expect(retry.status).toBe(200);
    expect(retry.body.id).toBe(first.body.id);
    expect(await count('hazard')).toBe(before + 1);
    // The same client id for a different report is not a retry: a 409 naming what differs, nothing written.
    const other = await send('POST', '/api/hazards', { ...body, category: '治安', severity: 4 });
    expect(other.status).toBe(409);
    expect(other.body.error).toMatchObject({ code: 'idempotency_key_reused', fields: ['category', 'severity'] });
    expect(await count('hazard')).toBe(before + 1);
  });

  it('a dispute or a visit under a used client id with other content is a 409; the same content is a retry', async () => {
    const dispute = {
      clientId: `${RUN}-d-reuse`,
      category: '邻里纠纷',
      channel: '综治中心',
      lng: inside.lng,
      lat: inside.lat,
      summary: '排水沟',
      receivedAt: '2026-11-20T09:00:00+08:00',
    };
    expect((await send('POST', '/api/disputes', dispute)).status).toBe(201);
    expect((await send('POST', '/api/disputes', dispute)).status).toBe(200);
    const changed = await send('POST', '/api/disputes', { ...dispute, summary: '另一件事', receivedAt: '2026-11-21T09:00:00+08:00' });
    expect(changed.status).toBe(409);
    expect(changed.body.error.fields).toEqual(['summary', 'receivedAt']);
  });

  it.each([
    ['地质灾害', 2, '自然资源局', 'geo2'],
    ['地质灾害', 4, '应急管理局', 'geo4'],
    ['涉毒', 1, '公安局禁毒大队', 'drug1'],
    ['交通', 3, '交通运输局', 'traffic3'],
  ])('routes %s severity %i to %s', async (category, severity, department, key) => {
    const r = await send('POST', '/api/hazards', { clientId: `${RUN}-route-${key}`, category, severity, lng: inside.lng, lat: inside.lat });
    expect(r.status).toBe(201);
    expect(r.body.department).toBe(department);
  });

  it('takes the idempotency key from the header too, and refuses a header that contradicts the body', async () => {
    const body = { category: '治安', severity: 1, lng: inside.lng, lat: inside.lat };
    const a = await send('POST', '/api/hazards', body, { 'Idempotency-Key': `${RUN}-hdr-1` });
    const b = await send('POST', '/api/hazards', body, { 'Idempotency-Key': `${RUN}-hdr-1` });
    expect([a.status, b.status]).toEqual([201, 200]);
    expect(b.body.id).toBe(a.body.id);
    const clash = await send('POST', '/api/hazards', { ...body, clientId: `${RUN}-hdr-2` }, { 'Idempotency-Key': `${RUN}-hdr-3` });
    expect(clash.status).toBe(400);
    const none = await send('POST', '/api/hazards', body);
    expect(none.status).toBe(400);
    expect(none.body.error.fields.clientId).toBeDefined();
  });

  it('refuses a point outside the county (422) and one not in the stated village (422 naming where it is)', async () => {
    const before = await count('hazard');
    const out = await send('POST', '/api/hazards', { clientId: `${RUN}-out`, category: '治安', severity: 1, lng: 113.5, lat: 28.5 });
    expect(out.status).toBe(422);
    expect(out.body.error.code).toBe('outside_county');
    const wrong = await send('POST', '/api/disputes', {
      clientId: `${RUN}-wrong`,
      category: '邻里纠纷',
      channel: '综治中心',
      lng: inside.lng,
      lat: inside.lat,
      villageCode: inside.neighbour,
    });
    expect(wrong.status).toBe(422);
    expect(wrong.body.error).toMatchObject({ code: 'location_mismatch', actualVillageCode: inside.code });
    expect(wrong.body.error.message).toContain(inside.code);
    expect(await count('hazard')).toBe(before);
  });

  it('walks a dispute through its lifecycle; an illegal step is a 409 naming the allowed ones', async () => {
    const created = await send('POST', '/api/disputes', {
      clientId: `${RUN}-d1`,
      category: '宅基地',
      channel: '人民调解委员会',
      lng: inside.lng,
      lat: inside.lat,
      villageCode: inside.code,
      summary: '宅基地边界争议',
    });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    expect(id).toMatch(/^DS\d{7}$/);
    const skip = await send('PATCH', `/api/disputes/${id}`, { status: '调解成功' });
    expect(skip.status).toBe(409);
    expect(skip.body.error).toMatchObject({ code: 'illegal_transition', allowed: ['调处中'] });
    const step1 = await send('PATCH', `/api/disputes/${id}`, { status: '调处中', clientId: `${RUN}-d1-s1` });
    expect(step1.status).toBe(200);
    expect(step1.body.mediationStartedAt).not.toBeNull();
    const again = await send('PATCH', `/api/disputes/${id}`, { status: '调处中', clientId: `${RUN}-d1-s1` });
    expect(again.status).toBe(200);
    const done = await send('PATCH', `/api/disputes/${id}`, { status: '调解成功' });
    expect(done.body).toMatchObject({ status: '调解成功', concludedAt: expect.any(String) });
    const after = await send('PATCH', `/api/disputes/${id}`, { status: '调解失败' });
    expect(after.status).toBe(409);
    expect(after.body.error.allowed).toEqual([]);
    const history = await t.db.read(SYSTEM, (h) => h.query<{ n: number }>(`SELECT count(*)::int AS n FROM status_change WHERE entity_id = $1`, [id]));
    expect(history[0]!.n).toBe(2);
  });

  it('accepts a status change dated at the intake instant or within its second, and refuses an earlier second', async () => {
    // An intake instant with milliseconds; the API shows it to the second.
    const base = new Date(Math.floor((t.now.getTime() - 3600_000) / 1000) * 1000 + 789);
    const exact = base.toISOString().replace('Z', '+00:00');
    const hz = await send('POST', '/api/hazards', { clientId: `${RUN}-same-h`, category: '治安', severity: 2, lng: inside.lng, lat: inside.lat, reportedAt: exact });
    expect(hz.status).toBe(201);
    const shown = hz.body.reportedAt as string;
    expect(Date.parse(shown)).toBe(base.getTime() - 789);
    // One second before the intake's second is genuinely earlier.
    const early = await send('PATCH', `/api/hazards/${hz.body.id}`, { status: '已分流', at: new Date(base.getTime() - 1789).toISOString() });
    expect(early.status).toBe(422);
    expect(early.body.error.code).toBe('time_before_previous');
    // The instant as shown (the same second, 789 ms before the stored one), then the exact instant.
    const routed = await send('PATCH', `/api/hazards/${hz.body.id}`, { status: '已分流', at: shown });
    expect(routed.status).toBe(200);
    expect(routed.body.routedAt).toBe(shown);
    const started = await send('PATCH', `/api/hazards/${hz.body.id}`, { status: '处置中', at: exact });
    expect(started.status).toBe(200);
    const stamps = await t.db.read(SYSTEM, (h) =>
      h.query<{ ok: boolean }>(`SELECT reported_at = $2::timestamptz AND routed_at = reported_at AND started_at = reported_at AS ok FROM hazard WHERE id = $1`, [
        hz.body.id,
        exact,
      ]),
    );
    expect(stamps[0]!.ok).toBe(true);

    const ds = await send('POST', '/api/disputes', { clientId: `${RUN}-same-d`, category: '其他', channel: '综治中心', lng: inside.lng, lat: inside.lat, receivedAt: exact });
    expect(ds.status).toBe(201);
    const mediating = await send('PATCH', `/api/disputes/${ds.body.id}`, { status: '调处中', at: ds.body.receivedAt });
    expect(mediating.status).toBe(200);
    const concluded = await send('PATCH', `/api/disputes/${ds.body.id}`, { status: '调解成功', at: exact });
    expect(concluded.status).toBe(200);
    expect(concluded.body).toMatchObject({ status: '调解成功', mediationStartedAt: ds.body.receivedAt, concludedAt: ds.body.receivedAt });
  });

  it('scopes client ids by township: the same id in another township is another record, a retry in each answers its own', async () => {
    // The chief of another township (430421111).
    const admin = await signIn(createApp(t.deps), 'demo-admin');
    const add = await admin.request('/api/admin/users', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: `${RUN}-chief2`, displayName: 'chief 2', password: 'correct-horse-3', role: 'township', townshipCode: '430421111' }),
    });
    expect(add.status).toBe(201);
    const chief2 = await signIn(createApp(t.deps), `${RUN}-chief2`, 'correct-horse-3');
    const [elsewhere] = await t.db.read(SYSTEM, (h) =>
      h.query<{ code: string; lng: number; lat: number }>(
        `SELECT code, ST_X(label_point) AS lng, ST_Y(label_point) AS lat FROM village WHERE township_code = '430421111' ORDER BY code LIMIT 1`,
      ),
    );
    const post = async (s: SignedIn, path: string, body: unknown) => {
      const res = await s.request(path, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
      return { status: res.status, body: (await res.json()) as any };
    };
    const key = `${RUN}-shared-key`;
    const mine = await send('POST', '/api/disputes', { clientId: key, category: '其他', channel: '综治中心', lng: inside.lng, lat: inside.lat });
    expect(mine.status).toBe(201);
    expect(mine.body.clientId).toBe(key);
    // The same id in another township (sent by its chief) is a new record, not a 409.
    const theirs = await post(chief2, '/api/disputes', { clientId: key, category: '其他', channel: '综治中心', lng: elsewhere!.lng, lat: elsewhere!.lat });
    expect(theirs.status).toBe(201);
    expect(theirs.body.id).not.toBe(mine.body.id);
    expect(theirs.body).toMatchObject({ clientId: key, villageCode: elsewhere!.code });
    // Retries stay idempotent in each township.
    const mineAgain = await send('POST', '/api/disputes', { clientId: key, category: '其他', channel: '综治中心', lng: inside.lng, lat: inside.lat });
    expect(mineAgain).toMatchObject({ status: 200, body: { id: mine.body.id } });
    const theirsAgain = await post(chief2, '/api/disputes', { clientId: key, category: '其他', channel: '综治中心', lng: elsewhere!.lng, lat: elsewhere!.lat });
    expect(theirsAgain).toMatchObject({ status: 200, body: { id: theirs.body.id } });
    // Hazards and visits too.
    const h1 = await send('POST', '/api/hazards', { clientId: key, category: '治安', severity: 1, lng: inside.lng, lat: inside.lat });
    const h2 = await post(chief2, '/api/hazards', { clientId: key, category: '治安', severity: 1, lng: elsewhere!.lng, lat: elsewhere!.lat });
    expect([h1.status, h2.status]).toEqual([201, 201]);
    expect(h2.body.id).not.toBe(h1.body.id);
    // A status-change id is scoped the same way: one id moves a hazard in each township.
    const s1 = await send('PATCH', `/api/hazards/${h1.body.id}`, { status: '已分流', clientId: `${key}-s` });
    const s2 = await chief2.request(`/api/hazards/${h2.body.id}`, {
      method: 'PATCH',
      body: JSON.stringify({ status: '已分流', clientId: `${key}-s` }),
      headers: { 'content-type': 'application/json' },
    });
    expect([s1.status, s2.status]).toEqual([200, 200]);
    // ...while reusing it in the same township for another change is still refused.
    const reused = await send('PATCH', `/api/disputes/${mine.body.id}`, { status: '调处中', clientId: `${key}-s` });
    expect(reused.status).toBe(409);
    expect(reused.body.error.code).toBe('idempotency_key_reused');
    const stored = await t.db.read(SYSTEM, (h) => h.query<{ n: number }>(`SELECT count(*)::int AS n FROM dispute WHERE client_id LIKE $1`, [`${key}@%`]));
    expect(stored[0]!.n).toBe(2);
  });

  it('makes a new hazard overdue in the village layer once its deadline passes', async () => {
    const reportedAt = new Date(t.now.getTime() - 3 * 86400_000).toISOString().replace('Z', '+00:00');
    const r = await send('POST', '/api/hazards', { clientId: `${RUN}-late`, category: '其他', severity: 4, lng: inside.lng, lat: inside.lat, reportedAt });
    expect(r.status).toBe(201);
    expect(r.body.overdue).toBe(true);
    const layer = (await (await app.request(`/api/villages?township=430421110`)).json()) as any;
    const v = layer.features.find((f: any) => f.properties.code === inside.code);
    const open = await t.db.read(SYSTEM, (h) =>
      h.query<{ n: number }>(`SELECT count(*)::int AS n FROM hazard WHERE village_code = $1 AND closed_at IS NULL AND deadline < $2`, [inside.code, t.now.toISOString()]),
    );
    expect(v.properties.hazardsOverdue).toBe(open[0]!.n);
    expect(v.properties.hazardsOverdue).toBeGreaterThanOrEqual(1);
  });

  it('records a visit by the village officer and counts it this quarter; another officer is refused', async () => {
    const before = (await (await app.request(`/api/villages/${inside.code}`)).json()) as any;
    const ok = await send('POST', '/api/visits', { clientId: `${RUN}-v1`, officerId: inside.officer, villageCode: inside.code, kind: '走访', visitedAt: t.now.toISOString() });
    expect(ok.status).toBe(201);
    const after = (await (await app.request(`/api/villages/${inside.code}`)).json()) as any;
    expect(after.coverage.visits).toBe(before.coverage.visits + 1);
    const other = await send('POST', '/api/visits', {
      clientId: `${RUN}-v2`,
      officerId: inside.officer,
      villageCode: inside.neighbour,
      kind: '走访',
      visitedAt: t.now.toISOString(),
    });
    expect(other.status).toBe(422);
    expect(other.body.error.code).toBe('officer_not_linked');
  });

  it.each([
    ['broken JSON', '{"category": "消防",'],
    ['wrong types', { clientId: `${RUN}-x1`, category: '消防', severity: '3', lng: '112.5', lat: 27.1 }],
    ['unknown category', { clientId: `${RUN}-x2`, category: '打架', severity: 1, lng: 112.5, lat: 27.1 }],
    ['severity 5', { clientId: `${RUN}-x3`, category: '消防', severity: 5, lng: 112.5, lat: 27.1 }],
    ['latitude 95', { clientId: `${RUN}-x4`, category: '消防', severity: 1, lng: 112.5, lat: 95 }],
    ['a future report', { clientId: `${RUN}-x5`, category: '消防', severity: 1, lng: 112.5, lat: 27.1, reportedAt: '2099-01-01T00:00:00+08:00' }],
    ['a date without offset', { clientId: `${RUN}-x6`, category: '消防', severity: 1, lng: 112.5, lat: 27.1, reportedAt: '2026-11-01T10:00:00' }],
    ['a short client id', { clientId: 'abc', category: '消防', severity: 1, lng: 112.5, lat: 27.1 }],
    ['an oversize body', { clientId: `${RUN}-x7`, category: '消防', severity: 1, lng: 112.5, lat: 27.1, description: 'x'.repeat(70_000) }],
  ])('refuses %s with a 4xx JSON error and writes nothing', async (_what, body) => {
    const before = await count('hazard');
    const r = await send('POST', '/api/hazards', body);
    expect(r.status).toBeGreaterThanOrEqual(400);
    expect(r.status).toBeLessThan(500);
    expect(r.body.error.code).toEqual(expect.any(String));
    expect(await count('hazard')).toBe(before);
  });
});
