import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../app.ts';
import { caseFilterQuery } from '../contract/case-filter.ts';
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
      })),
    ),
  );
  for (const u of ['demo-county', 'demo-wall', 'demo-township', 'demo-officer']) users[u] = await signIn(app, u);
});

// demo-township and demo-officer belong to 界牌镇 (430421110).
const cases: [user: string, query: string, status: number, expected: Record<string, unknown>][] = [
  ['demo-county', '', 200, { township: null, categories: null, statuses: null }],
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
});
