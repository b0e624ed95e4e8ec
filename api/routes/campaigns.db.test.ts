import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../app.ts';
import { addDays, shanghaiDate } from '../contract/calendar.ts';
import { SYSTEM } from '../db/types.ts';
import { deleteLedgerRows } from '../imports/ledger/test-support.ts';
import { type SignedIn, signIn } from '../test/sign-in.ts';
import { backend, type TestDb, testDb } from '../test/test-db.ts';

const JIEPAI = '430421110'; // demo-township's township
const OTHER = '430421111';

let t: TestDb;
let county: SignedIn;
let chief: SignedIn;
let wall: SignedIn;
let admin: SignedIn;

beforeAll(async () => {
  t = await testDb();
  const app = createApp(t.deps);
  county = await signIn(app, 'demo-county');
  chief = await signIn(app, 'demo-township');
  wall = await signIn(app, 'demo-wall');
  admin = await signIn(app, 'demo-admin');
});

// Test campaigns are removed with their tags (the owner may; the API refuses while tags exist),
// and the cases this file sends in.
const made: string[] = [];
const RUN = `cp${Date.now().toString(36)}`;
afterAll(async () => {
  await t.db.write(SYSTEM, async (h) => {
    await h.query(`DELETE FROM status_change WHERE client_id LIKE $1`, [`%${RUN}%`]);
    for (const table of ['hazard', 'dispute']) await h.query(`DELETE FROM ${table} WHERE client_id LIKE $1`, [`%${RUN}%`]);
    await h.query(`UPDATE dispute SET campaigns = '{}' WHERE client_id LIKE 'ledger:%' AND summary LIKE $1`, [`%${RUN}%`]);
    await h.query('UPDATE dispute SET campaigns = array_remove(campaigns, x) FROM unnest($1::text[]) AS x WHERE campaigns @> ARRAY[x]', [made]);
    await h.query('UPDATE hazard SET campaigns = array_remove(campaigns, x) FROM unnest($1::text[]) AS x WHERE campaigns @> ARRAY[x]', [made]);
    await h.query('DELETE FROM campaign WHERE code = ANY($1::text[])', [made]);
  });
  // The ledger import below commits: its rows and batch go, as the ledger tests' own do.
  await deleteLedgerRows(t.db);
});

async function json<T = any>(who: SignedIn, path: string, status: number, init?: RequestInit): Promise<T> {
  const res = await who.request(path, init);
  const text = await res.text();
  expect(res.status, `${init?.method ?? 'GET'} ${path}: ${text.slice(0, 300)}`).toBe(status);
  return (text ? JSON.parse(text) : null) as T;
}

const send = (method: string, body: unknown): RequestInit => ({ method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

async function create(body: Record<string, unknown>) {
  made.push(body.code as string);
  return json(admin, '/api/admin/campaigns', 201, send('POST', body));
}

async function auditOf(target: string) {
  return t.db.read(SYSTEM, (h) => h.query<{ action: string; actor: string; detail: any }>('SELECT action, actor, detail FROM audit_log WHERE target = $1 ORDER BY id', [target]));
}

describe(`campaigns API (${backend})`, () => {
  it('lists the four seeded campaigns to the county and the wall, with a status relative to now', async () => {
    const { campaigns } = await json(county, '/api/campaigns', 200);
    const seeded = campaigns.filter((c: any) => ['qingyuan', 'yunjian', 'leiting', 'jingwang'].includes(c.code));
    expect(seeded.map((c: any) => c.name).sort()).toEqual(['云剑', '净网', '清源断流', '雷霆'].sort());
    expect(seeded.find((c: any) => c.code === 'jingwang').status).toBe('running');
    expect(seeded.find((c: any) => c.code === 'qingyuan').status).toBe('ended');
    expect(seeded.find((c: any) => c.code === 'leiting').townships.length).toBeGreaterThanOrEqual(3);
    expect((await json(wall, '/api/campaigns', 200)).campaigns).toEqual(campaigns);
  });

  it('tags the cases of an auto-tagging campaign, and the filter counts only those', async () => {
    const [n] = await t.db.read(SYSTEM, (h) =>
      h.query<{ d: number; h: number }>(
        `SELECT (SELECT count(*)::int FROM dispute WHERE campaigns @> '{yunjian}') AS d, (SELECT count(*)::int FROM hazard WHERE campaigns @> '{jingwang}') AS h`,
      ),
    );
    expect(n!.d).toBeGreaterThan(0);
    expect(n!.h).toBeGreaterThan(0);
    const all = await json(county, '/api/stats/summary', 200);
    const jw = await json(county, '/api/stats/summary?campaign=jingwang', 200);
    expect(jw.current.hazards.reported).toBeGreaterThan(0);
    expect(jw.current.hazards.reported).toBeLessThan(all.current.hazards.reported);
    expect(jw.current.disputes.total).toBe(0); // 净网 targets no dispute category
  });

  it("a village's open-case lists and weekly counts follow the campaign; its visits do not", async () => {
    // A village with open hazards both tagged 净网 and not: the narrowing has something to remove.
    const [v] = await t.db.read(SYSTEM, (h) =>
      h.query<{ code: string }>(
        `SELECT village_code AS code FROM hazard WHERE closed_at IS NULL GROUP BY 1
         HAVING bool_or(campaigns @> '{jingwang}') AND bool_or(NOT campaigns @> '{jingwang}') ORDER BY count(*) DESC LIMIT 1`,
      ),
    );
    expect(v, 'a village with open hazards in and out of 净网').toBeDefined();
    const all = await json(county, `/api/villages/${v!.code}`, 200);
    const jw = await json(county, `/api/villages/${v!.code}?campaign=jingwang`, 200);
    const tagged = (rows: { id: string; campaigns: string[] }[]) => rows.filter((r) => r.campaigns.includes('jingwang')).map((r) => r.id);
    expect(all.openHazards.length).toBeGreaterThan(tagged(all.openHazards).length);
    expect(jw.openHazards.map((r: { id: string }) => r.id)).toEqual(tagged(all.openHazards));
    expect(jw.openHazards.length).toBeGreaterThan(0);
    expect(jw.openDisputes.map((r: { id: string }) => r.id)).toEqual(tagged(all.openDisputes));
    const sum = (weeks: { hazards: number; visits: number }[], k: 'hazards' | 'visits') => weeks.reduce((n, w) => n + w[k], 0);
    expect(sum(jw.weekly, 'hazards')).toBeLessThanOrEqual(sum(all.weekly, 'hazards'));
    expect(jw.weekly.map((w: { visits: number }) => w.visits)).toEqual(all.weekly.map((w: { visits: number }) => w.visits));
    expect(jw.weekly.every((w: { disputes: number }) => w.disputes === 0 || w.disputes <= all.weekly.find((x: { start: string }) => x.start === (w as any).start).disputes)).toBe(
      true,
    );
  });

  it('admin creates, changes and deletes a campaign, each change audited; others may not', async () => {
    const body = {
      code: 'test-fire',
      name: '测试消防行动',
      startDate: '2026-01-05',
      endDate: '2026-02-28',
      hazardCategories: ['消防'],
      townships: [JIEPAI],
      leadDepartment: '县消防救援大队',
      autoTag: true,
    };
    await json(county, '/api/admin/campaigns', 403, send('POST', { ...body, code: 'test-nope' }));
    const { campaign } = await create(body);
    expect(campaign).toMatchObject({ ...body, description: '', disputeCategories: [], status: 'ended' });
    const tagged = await json(county, '/api/stats/categories?type=hazard&campaign=test-fire&from=2026-01-05&to=2026-02-28', 200);
    const all = await json(county, `/api/stats/categories?type=hazard&township=${JIEPAI}&category=消防&from=2026-01-05&to=2026-02-28`, 200);
    expect(tagged.total).toBe(all.total);
    expect(tagged.total).toBeGreaterThan(0);

    await json(admin, '/api/admin/campaigns', 409, send('POST', { ...body, name: '另一个' }));
    await json(admin, '/api/admin/campaigns', 400, send('POST', { ...body, code: 'test-bad', name: '坏', endDate: '2025-12-31' }));
    await json(admin, '/api/admin/campaigns', 400, send('POST', { ...body, code: 'test-bad', name: '坏', townships: ['430421999'] }));
    const changed = await json(admin, '/api/admin/campaigns/test-fire', 200, send('PATCH', { description: '冬春火灾防控' }));
    expect(changed.campaign.description).toBe('冬春火灾防控');
    await json(admin, '/api/admin/campaigns/no-such', 404, send('PATCH', { description: 'x' }));
    const inUse = await json(admin, '/api/admin/campaigns/test-fire', 409, { method: 'DELETE' });
    expect(inUse.error.code).toBe('campaign_in_use');

    await create({ ...body, code: 'test-empty', name: '测试空行动', autoTag: false });
    await json(admin, '/api/admin/campaigns/test-empty', 204, { method: 'DELETE' });
    expect((await json(county, '/api/campaigns', 200)).campaigns.map((c: any) => c.code)).not.toContain('test-empty');

    expect((await auditOf('campaign:test-fire')).map((e) => [e.action, e.actor])).toEqual([
      ['campaign.create', 'demo-admin'],
      ['campaign.update', 'demo-admin'],
    ]);
    expect((await auditOf('campaign:test-empty')).map((e) => e.action)).toEqual(['campaign.create', 'campaign.delete']);
  });

  it('auto-tagging past CAMPAIGN_AUTOTAG_MAX is refused whole; a campaign is at most three years; names a ledger could confuse are taken; a mistaken campaign goes with untag=true', async () => {
    // A tight bound on a second app over the same database: the embedded database's one thread is every request's.
    const tight = await signIn(createApp({ ...t.deps, config: { ...t.deps.config, CAMPAIGN_AUTOTAG_MAX: 3 } }), 'demo-admin');
    const broad = { code: 'test-broad', name: '测试过宽行动', startDate: '2026-01-01', endDate: '2026-06-30', hazardCategories: ['消防', '治安'], autoTag: true };
    const refused = await json(tight, '/api/admin/campaigns', 422, send('POST', broad));
    expect(refused.error).toMatchObject({ code: 'campaign_too_broad', fields: { autoTag: expect.stringMatching(/more than 3 cases/) } });
    expect((await json(admin, '/api/campaigns', 200)).campaigns.map((c: any) => c.code)).not.toContain('test-broad');
    expect(await auditOf('campaign:test-broad')).toEqual([]);

    const long = await json(admin, '/api/admin/campaigns', 400, send('POST', { ...broad, code: 'test-long', name: '百年', startDate: '2000-01-01', endDate: '2099-12-31' }));
    expect(long.error.fields.endDate).toMatch(/at most 1096 days/);
    for (const name of ['qingyuan', '净 网', 'ＪＩＮＧＷＡＮＧ']) {
      const clash = await json(admin, '/api/admin/campaigns', 409, send('POST', { ...broad, code: 'test-clash', name, autoTag: false }));
      expect(clash.error.code, name).toBe('campaign_exists');
    }
    await json(admin, '/api/admin/campaigns', 409, send('POST', { ...broad, code: 'qingyuan', name: '新名字', autoTag: false }));

    // Tagged by hand (as intake would), then deleted with its tags.
    await create({ ...broad, code: 'test-oops', name: '误建行动', autoTag: false });
    const [one] = await t.db.write(SYSTEM, (h) =>
      h.query<{ id: string }>(`UPDATE hazard SET campaigns = campaigns || '{test-oops}' WHERE id = (SELECT min(id) FROM hazard WHERE village_code LIKE '430421110%') RETURNING id`),
    );
    const inUse = await json(admin, '/api/admin/campaigns/test-oops', 409, { method: 'DELETE' });
    expect(inUse.error).toMatchObject({ code: 'campaign_in_use', tagged: 1 });
    await json(admin, '/api/admin/campaigns/test-oops?untag=maybe', 400, { method: 'DELETE' });
    await json(admin, '/api/admin/campaigns/test-oops?untag=true', 204, { method: 'DELETE' });
    const [row] = await t.db.read(SYSTEM, (h) => h.query<{ campaigns: string[] }>('SELECT campaigns FROM hazard WHERE id = $1', [one!.id]));
    expect(row!.campaigns).not.toContain('test-oops');
    expect((await auditOf('campaign:test-oops')).map((e) => [e.action, e.detail.untagged ?? null])).toEqual([
      ['campaign.create', null],
      ['campaign.delete', 1],
    ]);
  });

  it("a chief sees the county's and their own township's campaigns; another township's is 403, an unknown one 400", async () => {
    await create({ code: 'test-other', name: '测试他乡行动', startDate: '2026-03-01', endDate: '2026-04-30', hazardCategories: ['交通'], townships: [OTHER], autoTag: true });
    const mine = (await json(chief, '/api/campaigns', 200)).campaigns;
    expect(mine.every((c: any) => c.townships === null || c.townships.includes(JIEPAI))).toBe(true);
    expect(mine.map((c: any) => c.code)).toContain('jingwang');
    expect(mine.map((c: any) => c.code)).not.toContain('test-other');
    const denied = await json(chief, '/api/stats/summary?campaign=test-other', 403);
    expect(denied.error.code).toBe('out_of_scope');
    const unknown = await json(chief, '/api/stats/summary?campaign=no-such', 400);
    expect(unknown.error.fields).toEqual({ campaign: 'no campaign with code no-such' });
    // The county sees it; within the chief's own township it counts nothing (its township is another).
    const county0 = await json(county, `/api/stats/summary?campaign=test-other&township=${JIEPAI}`, 200);
    expect(county0.current.hazards.reported).toBe(0);
  });

  it('GET effect: weeks, townships and totals agree with a direct count, and the estimate is the one computed from them', async () => {
    const e = await json(county, '/api/campaigns/qingyuan/effect', 200);
    expect(e.campaign.code).toBe('qingyuan');
    const { before, during, after } = e.windows;
    expect(after).not.toBeNull();
    const span = (w: { from: string; to: string }) => (Date.parse(w.to) - Date.parse(w.from)) / 86400e3 + 1;
    expect(span(before)).toBe(span(during));
    expect(e.weeks.reduce((a: number, w: any) => a + w.days, 0)).toBe(span(before) + span(during) + span(after));
    const sum = (phase: string, k: 'targeted' | 'other') => e.weeks.filter((w: any) => w.phase === phase).reduce((a: number, w: any) => a + w[k], 0);
    const [direct] = await t.db.read(SYSTEM, (h) =>
      h.query<{ tb: number; td: number; ob: number; od: number }>(
        `SELECT count(*) FILTER (WHERE category = '涉毒' AND d < $2::date)::int AS tb, count(*) FILTER (WHERE category = '涉毒' AND d >= $2::date)::int AS td,
                count(*) FILTER (WHERE category <> '涉毒' AND d < $2::date)::int AS ob, count(*) FILTER (WHERE category <> '涉毒' AND d >= $2::date)::int AS od
         FROM (SELECT category, (reported_at AT TIME ZONE 'Asia/Shanghai')::date AS d FROM hazard) x WHERE d BETWEEN $1::date AND $3::date`,
        [before.from, during.from, during.to],
      ),
    );
    expect([sum('before', 'targeted'), sum('during', 'targeted'), sum('before', 'other'), sum('during', 'other')]).toEqual([direct!.tb, direct!.td, direct!.ob, direct!.od]);
    expect(e.townships).toHaveLength(25);
    expect(e.townships.reduce((a: number, r: any) => a + r.during, 0)).toBe(direct!.td);
    const value = Math.log(direct!.td / direct!.tb) - Math.log(direct!.od / direct!.ob);
    expect(e.estimate.value).toBeCloseTo(value, 10);
    expect(e.ratio.value).toBeCloseTo(Math.exp(value), 10);
    expect(e.estimate.low).toBeLessThan(e.estimate.value);
    expect(e.closed.hazards).toBeGreaterThan(0);
    expect(e.closed.disputes).toBe(0);
  });

  it("GET effect: a chief gets their township's part, 403 for another township or another township's campaign; the wall reads it; 404 and 422", async () => {
    const mine = await json(chief, '/api/campaigns/jingwang/effect', 200);
    expect(mine.townships.map((r: any) => r.code)).toEqual([JIEPAI]);
    const countyView = await json(county, `/api/campaigns/jingwang/effect?township=${JIEPAI}`, 200);
    expect({ ...mine, asOf: null }).toEqual({ ...countyView, asOf: null });
    expect((await json(chief, `/api/campaigns/jingwang/effect?township=${OTHER}`, 403)).error.code).toBe('out_of_scope');
    expect((await json(chief, '/api/campaigns/test-other/effect', 403)).error.code).toBe('out_of_scope');
    expect((await json(wall, '/api/campaigns/jingwang/effect', 200)).weeks.length).toBeGreaterThan(4);
    await json(county, '/api/campaigns/no-such/effect', 404);
    await create({ code: 'test-later', name: '测试未来行动', startDate: '2099-01-01', endDate: '2099-02-01', hazardCategories: ['交通'] });
    expect((await json(county, '/api/campaigns/test-later/effect', 422)).error.code).toBe('campaign_not_started');
  });

  it('writes every refused campaign request to the audit log', async () => {
    const before = await t.db.read(SYSTEM, (h) => h.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log WHERE actor = 'demo-township' AND action = 'access.denied'`));
    await json(chief, '/api/campaigns/test-other/effect', 403);
    await json(chief, '/api/admin/campaigns/jingwang', 403, send('PATCH', { description: 'x' }));
    const after = await t.db.read(SYSTEM, (h) => h.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log WHERE actor = 'demo-township' AND action = 'access.denied'`));
    expect(after[0]!.n - before[0]!.n).toBe(2);
  });

  it('intake and status changes carry campaign tags; auto-tagging adds the running campaign of a targeted category', async () => {
    const [v] = await t.db.read(SYSTEM, (h) =>
      h.query<{ lng: number; lat: number }>(`SELECT ST_X(label_point) AS lng, ST_Y(label_point) AS lat FROM village WHERE township_code = $1 ORDER BY code LIMIT 1`, [JIEPAI]),
    );
    const hazard = { clientId: `${RUN}-h1`, category: '电信诈骗', severity: 2, lng: v!.lng, lat: v!.lat };
    // 电信诈骗 reported now falls in 净网's days and categories: tagged without asking.
    const auto = await json(chief, '/api/hazards', 201, send('POST', hazard));
    expect(auto.campaigns).toEqual(['jingwang']);
    const dispute = { clientId: `${RUN}-d1`, category: '劳资', channel: '综治中心', lng: v!.lng, lat: v!.lat };
    const tagged = await json(chief, '/api/disputes', 201, send('POST', { ...dispute, campaigns: ['test-fire'] }));
    expect(tagged.campaigns).toEqual(['test-fire']);
    // Another township's campaign: 403, an unknown one: 400 on the field; nothing is created.
    expect((await json(chief, '/api/disputes', 403, send('POST', { ...dispute, clientId: `${RUN}-d2`, campaigns: ['test-other'] }))).error.code).toBe('out_of_scope');
    const unknown = await json(chief, '/api/disputes', 400, send('POST', { ...dispute, clientId: `${RUN}-d3`, campaigns: ['no-such'] }));
    expect(unknown.error.fields).toEqual({ campaigns: 'no campaign with code no-such' });
    const [n] = await t.db.read(SYSTEM, (h) => h.query<{ n: number }>(`SELECT count(*)::int AS n FROM dispute WHERE client_id LIKE $1`, [`%${RUN}-d%`]));
    expect(n!.n).toBe(1);
    // A status change adds tags and says so in its audit entry.
    const stepped = await json(chief, `/api/disputes/${tagged.id}`, 200, send('PATCH', { status: '调处中', clientId: `${RUN}-d1-s1`, campaigns: ['jingwang'] }));
    expect(stepped.campaigns).toEqual(['jingwang', 'test-fire']);
    const entries = await auditOf(tagged.id);
    expect(entries.map((e) => [e.action, e.detail.campaigns])).toEqual([
      ['intake.dispute', ['test-fire']],
      ['status.dispute', ['jingwang']],
    ]);
    const counted = await json(
      county,
      `/api/stats/summary?campaign=test-fire&township=${JIEPAI}&from=${stepped.receivedAt.slice(0, 10)}&to=${stepped.receivedAt.slice(0, 10)}`,
      200,
    );
    expect(counted.current.disputes.total).toBe(1);
  });

  it('a ledger names campaigns in its 专项行动 column, by name or code; an unknown one is a row error', async () => {
    const [v] = await t.db.read(SYSTEM, (h) => h.query<{ name: string }>(`SELECT name FROM village WHERE township_code = $1 ORDER BY code LIMIT 1`, [JIEPAI]));
    const day = addDays(shanghaiDate(t.now), -1);
    const csv = (campaigns: string) => `受理日期,村（社区）,纠纷类型,调解结果,纠纷简况,专项行动\n${day},${v!.name},劳资,受理,${RUN} 欠薪,${campaigns}\n`;
    const post = (body: string, dry: boolean) =>
      chief.request(`/api/imports/ledger?kind=disputes&fileName=${RUN}.csv${dry ? '&dryRun=true' : ''}`, { method: 'POST', headers: { 'content-type': 'text/csv' }, body });
    const bad = await post(csv('净网；没有这个'), true);
    expect(bad.status).toBe(422);
    expect(JSON.stringify(await bad.json())).toContain('没有名为 没有这个 的专项行动');
    const good = await post(csv('净网；test-fire'), false);
    expect(good.status, await good.clone().text()).toBe(200);
    const [row] = await t.db.read(SYSTEM, (h) =>
      h.query<{ campaigns: string[] }>(`SELECT campaigns FROM dispute WHERE client_id LIKE 'ledger:%' AND summary LIKE $1`, [`%${RUN}%`]),
    );
    expect(row!.campaigns).toEqual(['jingwang', 'test-fire']);
  });
});
