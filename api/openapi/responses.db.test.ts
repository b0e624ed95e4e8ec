import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { createApp } from '../app.ts';
import { SYSTEM } from '../db/types.ts';
import { type SignedIn, signIn } from '../test/sign-in.ts';
import { backend, type TestDb, testDb } from '../test/test-db.ts';
import { buildDocument, operationKey } from './document.ts';
import { OPERATIONS } from './operations.ts';
import { campaignEffectAnswer, campaignsAnswer } from './responses/campaigns.ts';
import { disputeAnswer, hazardAnswer, visitAnswer } from './responses/intake.ts';
import { eventsAnswer, townshipsAnswer, villageDetailAnswer, villagesAnswer } from './responses/map.ts';
import { alertsAnswer, briefingAnswer, coverageAnswer, feedAnswer } from './responses/oversight.ts';
import { categoriesAnswer, rankingAnswer, summaryAnswer, trendAnswer } from './responses/stats.ts';
import { healthAnswer } from './responses/system.ts';

/**
 * Every documented answer, fetched for real and parsed with its schema. The schemas are strict
 * objects all the way down: a field the answer gains or loses, a type or an enum value that
 * changes, fails here. Reads as a county user (all villages); intake as the township chief of
 * 界牌镇 (masked personal data) under client ids unique to this run, deleted afterwards.
 */

let t: TestDb;
let county: SignedIn;
let chief: SignedIn;
let inside: { code: string; lng: number; lat: number; officer: string };
let existing: { dispute: string; hazard: string };
const RUN = `oa${Date.now().toString(36)}`;
const JIEPAI = '430421110';

beforeAll(async () => {
  t = await testDb();
  const app = createApp(t.deps);
  county = await signIn(app, 'demo-county');
  chief = await signIn(app, 'demo-township');
  const [row] = await t.db.read(SYSTEM, (h) =>
    h.query<{ code: string; lng: number; lat: number; officer: string }>(`
      SELECT v.code, ST_X(v.label_point) AS lng, ST_Y(v.label_point) AS lat, o.id AS officer
      FROM village v JOIN officer o ON o.village_code = v.code WHERE v.code LIKE '${JIEPAI}%' ORDER BY v.code LIMIT 1`),
  );
  inside = row!;
  const [ids] = await t.db.read(SYSTEM, (h) =>
    h.query<{ dispute: string; hazard: string }>(`
      SELECT (SELECT id FROM dispute WHERE party_phone IS NOT NULL ORDER BY id LIMIT 1) AS dispute,
             (SELECT id FROM hazard WHERE closed_at IS NOT NULL ORDER BY id LIMIT 1) AS hazard`),
  );
  existing = ids!;
});

// Leave the shared database as the other test files expect it (as api/routes/intake.db.test.ts does).
afterAll(async () => {
  await t.db.write(SYSTEM, async (h) => {
    await h.query(`DELETE FROM status_change WHERE entity_id IN (SELECT id FROM hazard WHERE client_id LIKE $1 UNION ALL SELECT id FROM dispute WHERE client_id LIKE $1)`, [
      `%${RUN}%`,
    ]);
    for (const table of ['hazard', 'dispute', 'visit']) await h.query(`DELETE FROM ${table} WHERE client_id LIKE $1`, [`%${RUN}%`]);
  });
});

/** Parses the answer with the schema; on failure, the issues (path, message) are the assertion's message. */
function conforms(schema: z.ZodType, body: unknown, what: string): void {
  const parsed = schema.safeParse(body);
  const issues = parsed.success ? [] : parsed.error.issues.slice(0, 10).map((i) => `${i.path.join('.')}: ${i.message}`);
  expect(issues, `${what} does not match its documented schema`).toEqual([]);
}

async function call(who: SignedIn, method: string, path: string, body?: unknown): Promise<{ status: number; json: unknown }> {
  const init: RequestInit = body === undefined ? { method } : { method, body: JSON.stringify(body), headers: { 'content-type': 'application/json' } };
  const res = await who.request(path, init);
  const json = await res.json();
  return { status: res.status, json };
}

async function read(path: string, schema: z.ZodType): Promise<unknown> {
  const { status, json } = await call(county, 'GET', path);
  expect(status, `${path}: ${JSON.stringify(json).slice(0, 300)}`).toBe(200);
  conforms(schema, json, `GET ${path}`);
  return json;
}

describe(`the documented answers match the real ones (${backend})`, () => {
  it.each([
    ['/api/health', healthAnswer],
    ['/api/stats/summary', summaryAnswer],
    [`/api/stats/summary?township=${JIEPAI}`, summaryAnswer],
    ['/api/stats/trend', trendAnswer],
    ['/api/stats/trend?interval=month', trendAnswer],
    ['/api/stats/categories?type=dispute', categoriesAnswer],
    ['/api/stats/categories?type=hazard', categoriesAnswer],
    ['/api/stats/ranking', rankingAnswer],
    ['/api/stats/ranking?metric=mediationSuccessRate&level=village&order=asc', rankingAnswer],
    ['/api/stats/ranking?metric=coverageRate', rankingAnswer],
    ['/api/villages', villagesAnswer],
    ['/api/townships', townshipsAnswer],
    ['/api/events', eventsAnswer],
    ['/api/events?type=visit', eventsAnswer],
    ['/api/coverage', coverageAnswer],
    ['/api/coverage?all=true', coverageAnswer],
    ['/api/alerts', alertsAnswer],
    ['/api/feed?since=2000-01-01T00:00:00%2B08:00&limit=200', feedAnswer],
    ['/api/briefing', briefingAnswer],
    [`/api/briefing?township=${JIEPAI}&metric=coverageRate`, briefingAnswer],
    ['/api/campaigns', campaignsAnswer],
    // running (no after window) and ended (an after window), county-wide and in one township
    ['/api/campaigns/jingwang/effect', campaignEffectAnswer],
    [`/api/campaigns/qingyuan/effect?township=${JIEPAI}`, campaignEffectAnswer],
  ] as const)('GET %s', async (path, schema) => {
    await read(path, schema);
  });

  it('GET /api/villages/{code}', async () => {
    const detail = (await read(`/api/villages/${inside.code}`, villageDetailAnswer)) as { officer: unknown };
    expect(detail.officer).not.toBeNull();
  });

  it('GET /api/disputes/{id} and /api/hazards/{id} as the county sees them', async () => {
    const d = (await read(`/api/disputes/${existing.dispute}`, disputeAnswer)) as { partyPhone: string };
    expect(d.partyPhone).not.toContain('*');
    const h = (await read(`/api/hazards/${existing.hazard}`, hazardAnswer)) as { closedAt: string | null };
    expect(h.closedAt).not.toBeNull();
  });

  it('the lists whose items the schemas check are not empty in the seeded data', async () => {
    const nonEmpty = async (path: string, schema: z.ZodType, pick: (j: any) => unknown[]) => expect(pick(await read(path, schema)).length, path).toBeGreaterThan(0);
    await nonEmpty('/api/alerts', alertsAnswer, (j) => j.alerts);
    await nonEmpty('/api/feed?since=2000-01-01T00:00:00%2B08:00', feedAnswer, (j) => j.items);
    await nonEmpty('/api/coverage', coverageAnswer, (j) => j.officers);
    await nonEmpty('/api/briefing', briefingAnswer, (j) => j.coverage.shortfalls);
    const detail = (await read(`/api/villages/${inside.code}`, villageDetailAnswer)) as any;
    expect([detail.weekly.length, detail.visitsThisQuarter.length + detail.openDisputes.length + detail.openHazards.length].every((n) => n > 0)).toBe(true);
  });

  it('the variants exercised cover both sides of the optional and nullable fields', async () => {
    const rateRows = ((await read('/api/stats/ranking?metric=disputeRate&level=village', rankingAnswer)) as { rows: { rawValue?: unknown }[] }).rows;
    expect(rateRows[0]).toHaveProperty('rawValue');
    const countRows = ((await read('/api/stats/ranking?metric=disputes', rankingAnswer)) as { rows: object[] }).rows;
    expect(countRows[0]).not.toHaveProperty('rawValue');
    const events = ((await read('/api/events?type=dispute,hazard,visit', eventsAnswer)) as { rows: { status: unknown }[] }).rows;
    expect(events.some((r) => r.status === null) && events.some((r) => r.status !== null)).toBe(true);
    const lines = ((await read('/api/alerts', alertsAnswer)) as { lines: { kind: string }[] }).lines;
    expect(new Set(lines.map((l) => l.kind))).toEqual(new Set(['alert', 'group']));
  });
});

describe(`intake answers as the township chief sends and reads them (${backend})`, () => {
  it('POST, retry, GET and PATCH /api/disputes', async () => {
    const body = {
      clientId: `${RUN}-d1`,
      category: '邻里纠纷',
      channel: '综治中心',
      lng: inside.lng,
      lat: inside.lat,
      summary: '排水沟',
      partyName: '张三',
      partyPhone: '13812341234',
    };
    const created = await call(chief, 'POST', '/api/disputes', body);
    expect(created.status).toBe(201);
    conforms(disputeAnswer, created.json, 'POST /api/disputes (201)');
    expect(created.json).toMatchObject({ partyName: '张*', partyPhone: '138****1234' });
    const retry = await call(chief, 'POST', '/api/disputes', body);
    expect(retry.status).toBe(200);
    conforms(disputeAnswer, retry.json, 'POST /api/disputes (200, retry)');
    const id = (created.json as { id: string }).id;
    const got = await call(chief, 'GET', `/api/disputes/${id}`);
    expect(got.status).toBe(200);
    conforms(disputeAnswer, got.json, 'GET /api/disputes/{id}');
    const stepped = await call(chief, 'PATCH', `/api/disputes/${id}`, { status: '调处中', clientId: `${RUN}-d1-s1` });
    expect(stepped.status).toBe(200);
    conforms(disputeAnswer, stepped.json, 'PATCH /api/disputes/{id}');
    expect(stepped.json).toMatchObject({ status: '调处中', mediationStartedAt: expect.any(String) });
  });

  it('POST, retry, GET and PATCH /api/hazards', async () => {
    const body = { clientId: `${RUN}-h1`, category: '消防', severity: 3, lng: inside.lng, lat: inside.lat, description: '仓库电线老化', reporterPhone: '0734-1234567' };
    const created = await call(chief, 'POST', '/api/hazards', body);
    expect(created.status).toBe(201);
    conforms(hazardAnswer, created.json, 'POST /api/hazards (201)');
    expect(created.json).toMatchObject({ reporterName: null, reporterPhone: '0734-***4567' });
    const retry = await call(chief, 'POST', '/api/hazards', body);
    expect(retry.status).toBe(200);
    conforms(hazardAnswer, retry.json, 'POST /api/hazards (200, retry)');
    const id = (created.json as { id: string }).id;
    const got = await call(chief, 'GET', `/api/hazards/${id}`);
    conforms(hazardAnswer, got.json, 'GET /api/hazards/{id}');
    const stepped = await call(chief, 'PATCH', `/api/hazards/${id}`, { status: '已分流', clientId: `${RUN}-h1-s1` });
    expect(stepped.status).toBe(200);
    conforms(hazardAnswer, stepped.json, 'PATCH /api/hazards/{id}');
    expect(stepped.json).toMatchObject({ status: '已分流', routedAt: expect.any(String) });
  });

  it('POST /api/visits, with and without a point, and a retry', async () => {
    const body = { clientId: `${RUN}-v1`, officerId: inside.officer, villageCode: inside.code, kind: '走访', visitedAt: new Date(t.now.getTime() - 3600_000).toISOString() };
    const created = await call(chief, 'POST', '/api/visits', body);
    expect(created.status, JSON.stringify(created.json)).toBe(201);
    conforms(visitAnswer, created.json, 'POST /api/visits (201)');
    const retry = await call(chief, 'POST', '/api/visits', body);
    expect(retry.status).toBe(200);
    conforms(visitAnswer, retry.json, 'POST /api/visits (200, retry)');
    const located = await call(chief, 'POST', '/api/visits', { ...body, clientId: `${RUN}-v2`, lng: inside.lng, lat: inside.lat });
    expect(located.status).toBe(201);
    conforms(visitAnswer, located.json, 'POST /api/visits with a point');
  });
});

describe('the schemas are strict and reach the document', () => {
  it('an answer with a field more, or one less, is refused', async () => {
    const answer = (await read('/api/stats/summary', summaryAnswer)) as Record<string, unknown> & { current: Record<string, Record<string, unknown>> };
    expect(summaryAnswer.safeParse({ ...answer, extra: 1 }).success).toBe(false);
    const { township: _, ...fewer } = answer;
    expect(summaryAnswer.safeParse(fewer).success).toBe(false);
    const nested = structuredClone(answer);
    nested.current.hazards!.bySeverity = { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 };
    expect(summaryAnswer.safeParse(nested).success).toBe(false);
  });

  it('every operation with an answer schema documents it on its 200 (and 201)', async () => {
    const doc = await buildDocument(createApp(t.deps));
    type Op = { responses: Record<string, { content?: Record<string, { schema: unknown }> }> };
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(item as Record<string, Op>)) {
        const o = OPERATIONS[operationKey(method, path)];
        if (!o?.answer) continue;
        const statuses = o.created ? (o.created === 'retry' ? ['200', '201'] : ['201']) : ['200'];
        for (const s of statuses) expect(op.responses[s]?.content?.['application/json']?.schema, `${method} ${path} ${s}`).toBeDefined();
      }
    }
    expect(doc.components.schemas).toHaveProperty('Dispute');
    expect(doc.components.schemas).toHaveProperty('VillageLayer');
  });
});
