import { SYSTEM } from '../db/types.ts';
import { beforeAll, describe, expect, it } from 'vitest';
import { signIn, type SignedIn } from '../test/sign-in.ts';
import { createApp } from '../app.ts';
import { backend, testDb } from '../test/test-db.ts';

let app: SignedIn;
beforeAll(async () => {
  app = await signIn(createApp((await testDb()).deps), 'demo-county');
});

const ENDPOINTS = ['/api/townships', '/api/villages', '/api/events', '/api/stats/summary', '/api/stats/trend', '/api/stats/ranking', '/api/villages/430421110200'];

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
];

describe(`bad input (${backend})`, () => {
  const cases: [string, string][] = [
    ...ENDPOINTS.flatMap((e) => BAD_PERIODS.map((q): [string, string] => [e, q])),
    ...BAD_SPECIFIC,
  ];

  it(`answers each of ${cases.length} malformed requests with a 400 JSON error and changes nothing`, async () => {
    const db = (await testDb()).db;
    const count = () => db.read(SYSTEM, async (h) => (await h.query<{ n: number }>(`SELECT (SELECT count(*) FROM dispute) + (SELECT count(*) FROM hazard) + (SELECT count(*) FROM village) AS n`))[0]!.n);
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

  it.each([
    ['/api/nothing-here'],
    ['/api/villages/430421110200/extra'],
    ['/api/../etc/passwd'],
  ])('answers an unknown path %s with a 404 JSON error', async (path) => {
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
