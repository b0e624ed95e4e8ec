import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../app.ts';
import { addDays, shanghaiDate } from '../contract/calendar.ts';
import { caseFilterQuery, MAX_PERIOD_DAYS } from '../contract/case-filter.ts';
import { validate } from '../routes/validation.ts';
import { type SignedIn, signIn } from '../test/sign-in.ts';
import { backend, type TestDb, testDb } from '../test/test-db.ts';
import { caseFilter, readFiltered } from './middleware.ts';

let t: TestDb;
const users: Record<string, SignedIn> = {};

beforeAll(async () => {
  t = await testDb();
  // A probe behind the real authentication: answers the filter the middleware resolved.
  const app = createApp(t.deps);
  app.get('/api/filter-probe', validate('query', caseFilterQuery), caseFilter(t.deps), async (c) =>
    c.json(
      await readFiltered(t.deps, c, async (_h, f) => ({
        township: f.township,
        from: f.period.from,
        to: f.period.to,
        categories: f.categories,
        statuses: f.statuses,
        campaign: f.campaign,
      })),
    ),
  );
  for (const u of ['demo-county', 'demo-wall', 'demo-township', 'demo-officer']) users[u] = await signIn(app, u);
});

// demo-township and demo-officer belong to 界牌镇 (430421110).
const cases: [user: string, query: string, status: number, expected: Record<string, unknown>][] = [
  ['demo-county', '', 200, { township: null, categories: null, statuses: null, campaign: null }],
  ['demo-county', 'campaign=jingwang', 200, { campaign: 'jingwang' }],
  ['demo-township', 'campaign=jingwang', 200, { township: '430421110', campaign: 'jingwang' }],
  ['demo-county', 'campaign=no-such', 400, { error: { code: 'invalid_request', fields: { campaign: 'no campaign with code no-such' } } }],
  ['demo-county', 'campaign=Jingwang', 400, { error: { code: 'invalid_request' } }],
  ['demo-county', 'township=430421111', 200, { township: '430421111' }],
  ['demo-wall', '', 200, { township: null }],
  ['demo-township', '', 200, { township: '430421110' }],
  ['demo-township', 'township=430421110', 200, { township: '430421110' }],
  ['demo-officer', '', 200, { township: '430421110' }],
  ['demo-township', 'township=430421111', 403, { error: { code: 'out_of_scope' } }],
  ['demo-officer', 'township=430421111', 403, { error: { code: 'out_of_scope' } }],
  ['demo-county', 'township=430421999', 400, { error: { code: 'invalid_request', fields: { township: 'no township with code 430421999' } } }],
  [
    'demo-county',
    'from=2026-01-01&to=2026-01-31&category=邻里纠纷&status=受理,调处中',
    200,
    { from: '2026-01-01', to: '2026-01-31', categories: ['邻里纠纷'], statuses: ['受理', '调处中'] },
  ],
];

describe(`case filter middleware (${backend})`, () => {
  it.each(cases)('%s ?%s -> %i', async (user, query, status, expected) => {
    const res = await users[user]!.request(`/api/filter-probe?${encodeURI(query)}`);
    expect(res.status).toBe(status);
    expect(await res.json()).toMatchObject(expected);
  });

  it('resolves the default period at deps.now(): the last 365 days to today', async () => {
    const res = await users['demo-county']!.request('/api/filter-probe');
    const body = (await res.json()) as { from: string; to: string };
    expect(Date.parse(body.to) - Date.parse(body.from)).toBe(364 * 86400e3);
    expect(body.to).toBe(new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(t.now));
  });

  describe('a period with one bound, completed with today, obeys the limits of one with both', () => {
    // Every endpoint that takes a period; summary and trend are the ones the review named.
    const endpoints = ['/api/stats/summary', '/api/stats/trend', '/api/townships', '/api/villages', '/api/events', '/api/stats/ranking', '/api/coverage', '/api/alerts'];
    const tooLong = { error: { code: 'invalid_request', message: 'invalid query: to', fields: { to: `the period may span at most ${MAX_PERIOD_DAYS} days` } } };
    const tooEarly = { error: { code: 'invalid_request', message: 'invalid query: from', fields: { from: 'expected a date between 2000-01-01 and 2099-12-31' } } };
    const answer = async (path: string) => {
      const res = await users['demo-county']!.request(path);
      return { status: res.status, body: await res.json() };
    };

    it.each(endpoints)('%s: from alone over the cap is the 400 that from+to over it gets', async (path) => {
      // The answer the schema gives when both are sent: the same field, the same message.
      expect(await answer(`${path}?from=2000-01-01&to=2020-01-01`)).toEqual({ status: 400, body: tooLong });
      expect(await answer(`${path}?from=2000-01-01`)).toEqual({ status: 400, body: tooLong });
    });

    it.each(endpoints)('%s: to alone whose year starts before 2000-01-01 is the 400 an early from gets', async (path) => {
      expect(await answer(`${path}?from=1999-12-31&to=2000-06-01`)).toEqual({ status: 400, body: tooEarly });
      expect(await answer(`${path}?to=2000-01-01`)).toEqual({ status: 400, body: tooEarly });
      expect(await answer(`${path}?to=2000-12-29`)).toEqual({ status: 400, body: tooEarly });
    });

    it('accepts the longest and earliest periods one bound can give', async () => {
      const today = shanghaiDate(t.now);
      const longest = await users['demo-county']!.request(`/api/filter-probe?from=${addDays(today, -(MAX_PERIOD_DAYS - 1))}`);
      expect(longest.status).toBe(200);
      expect(await longest.json()).toMatchObject({ from: addDays(today, -(MAX_PERIOD_DAYS - 1)), to: today });
      expect((await users['demo-county']!.request(`/api/filter-probe?from=${addDays(today, -MAX_PERIOD_DAYS)}`)).status).toBe(400);
      const earliest = await users['demo-county']!.request('/api/filter-probe?to=2000-12-30');
      expect(await earliest.json()).toMatchObject({ from: '2000-01-01', to: '2000-12-30' });
    });
  });
});
