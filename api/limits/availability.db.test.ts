import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../app.ts';
import { loadConfig } from '../config.ts';
import { SYSTEM } from '../db/types.ts';
import { watchHealth } from '../test/health-monitor.ts';
import { type SignedIn, signIn } from '../test/sign-in.ts';
import { backend, type TestDb, testDb } from '../test/test-db.ts';

/**
 * The server keeps answering whatever it is sent: huge bodies before sign-in, a burst of
 * distinct heavy requests from one user. A health monitor polls every 0.5 s throughout and must
 * never wait more than 2 s for a good answer.
 */
let t: TestDb;
let app: ReturnType<typeof createApp>;
let county: SignedIn;
let chief: SignedIn;

beforeAll(async () => {
  t = await testDb();
  const config = loadConfig({ LOG_REQUESTS: 'false', WEB_DIST: '', ANSWER_CACHE_MS: '0' });
  app = createApp({ ...t.deps, config });
  county = await signIn(app, 'demo-county');
  chief = await signIn(app, 'demo-township');
});

/** A body of `bytes` made on demand; `pulled` says how much of it the server read. */
function lazyBody(bytes: number) {
  const chunk = new Uint8Array(64 * 1024).fill(0x61);
  let sent = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(ctl) {
      if (sent >= bytes) return ctl.close();
      sent += chunk.length;
      ctl.enqueue(chunk);
    },
  });
  return { stream, pulled: () => sent };
}

describe(`availability under abuse (${backend})`, () => {
  it.each([
    ['/api/auth/login', 600 * 1024 * 1024, true],
    ['/api/auth/device', 600 * 1024 * 1024, true],
    ['/api/auth/login', 50 * 1024 * 1024, false],
    ['/api/disputes', 50 * 1024 * 1024, false],
  ])('%s with a %d-byte body (declared length: %s) is a 413 read no further than the limit', async (path, bytes, declared) => {
    const monitor = watchHealth(app);
    const body = lazyBody(bytes);
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (declared) headers['content-length'] = String(bytes);
    const t0 = performance.now();
    const res = await county.request(path, { method: 'POST', headers, body: body.stream, duplex: 'half' } as RequestInit);
    const ms = performance.now() - t0;
    expect(res.status).toBe(413);
    const json = (await res.json()) as { error: { code: string; limit: string } };
    expect(json.error.code).toBe('payload_too_large');
    expect(json.error.limit).toBe(path.startsWith('/api/auth/') ? 'AUTH_BODY_MAX_BYTES' : 'JSON_BODY_MAX_BYTES');
    expect(ms).toBeLessThan(5000);
    // Only what the limit allows (plus a chunk or two in flight) was ever read.
    expect(body.pulled()).toBeLessThan(1024 * 1024);
    const health = await monitor.stop();
    expect(health.maxGapMs).toBeLessThan(2000);
  });

  it('200 concurrent distinct /api/events requests from one user: each answered 200 or 503 with Retry-After, health never stalls, nothing left running', async () => {
    const monitor = watchHealth(app);
    const aborters: AbortController[] = [];
    const t0 = performance.now();
    const requests = Array.from({ length: 200 }, async (_, i) => {
      const day = String(1 + (i % 28)).padStart(2, '0');
      const month = String(1 + Math.floor(i / 28)).padStart(2, '0');
      const ctl = new AbortController();
      // Half of the clients give up after a second, as a closed browser tab would.
      if (i % 2 === 1) aborters.push(ctl);
      try {
        const res = await county.request(`/api/events?from=2026-${month}-${day}&to=2026-11-28`, { signal: ctl.signal });
        const text = await res.text();
        return { status: res.status, retryAfter: res.headers.get('retry-after'), code: res.status === 200 ? null : (JSON.parse(text) as { error: { code: string } }).error.code };
      } catch {
        return { status: 'aborted' as const, retryAfter: null, code: null };
      }
    });
    setTimeout(() => {
      for (const a of aborters) a.abort();
    }, 1000);
    // Meanwhile a chief opens their dashboard and someone signs in: neither is starved by the burst.
    const chiefAnswer = new Promise((r) => setTimeout(r, 300)).then(async () => {
      const t1 = performance.now();
      const res = await chief.request('/api/stats/summary');
      return { status: res.status, ms: performance.now() - t1 };
    });
    const signInAnswer = new Promise((r) => setTimeout(r, 300)).then(async () => {
      const t1 = performance.now();
      await signIn(app, 'demo-wall');
      return performance.now() - t1;
    });
    const answers = await Promise.all(requests);
    const chiefServed = await chiefAnswer;
    expect(chiefServed.status).toBe(200);
    expect(chiefServed.ms).toBeLessThan(10_000);
    expect(await signInAnswer).toBeLessThan(10_000);
    const elapsed = performance.now() - t0;
    const health = await monitor.stop();
    const byStatus: Record<string, number> = {};
    for (const a of answers) byStatus[String(a.status)] = (byStatus[String(a.status)] ?? 0) + 1;
    for (const a of answers) {
      expect([200, 503, 'aborted']).toContain(a.status);
      if (a.status === 503) {
        expect(a.retryAfter).toMatch(/^\d+$/);
        expect(['busy', 'request_timeout']).toContain(a.code);
      }
    }
    expect(byStatus['200']).toBeGreaterThan(0);
    expect(byStatus['503']).toBeGreaterThan(0);
    expect(elapsed).toBeLessThan(30_000);
    expect(health.maxGapMs, JSON.stringify({ health, byStatus })).toBeLessThan(2000);
    // Abandoned requests do not linger: the server is idle at once and answers a fresh request.
    const res = await app.request('/api/health');
    expect(((await res.json()) as { requests: { running: number; waiting: number } }).requests).toEqual({ running: 0, waiting: 0 });
    expect((await county.request('/api/events?from=2026-11-01&to=2026-11-28')).status).toBe(200);
  });

  it('a request past REQUEST_TIMEOUT_MS is a 503 whose database work stops', async () => {
    const config = loadConfig({ LOG_REQUESTS: 'false', WEB_DIST: '', ANSWER_CACHE_MS: '0', REQUEST_TIMEOUT_MS: '150' });
    let statements = 0;
    let finishedAt = 0;
    // A database whose township transactions are slow: each statement takes 100 ms.
    const slow = {
      ...t.db,
      read: <T>(scope: Parameters<typeof t.db.read>[0], fn: Parameters<typeof t.db.read<T>>[1]) =>
        scope.kind !== 'township'
          ? t.db.read(scope, fn)
          : t.db
              .read(scope, (h) =>
                fn({
                  ...h,
                  query: async (sql, params) => {
                    await new Promise((r) => setTimeout(r, 100));
                    statements++;
                    return h.query(sql, params);
                  },
                }),
              )
              .finally(() => (finishedAt = performance.now())),
    };
    const slowApp = createApp({ ...t.deps, db: slow, config });
    // Signed in through the ordinary app: scrypt alone would pass a 150 ms deadline.
    const t0 = performance.now();
    const res = await slowApp.request('/api/stats/summary', { headers: { cookie: chief.cookie } });
    const answeredAt = performance.now();
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('request_timeout');
    expect(answeredAt - t0).toBeLessThan(1000);
    await new Promise((r) => setTimeout(r, 400));
    // The transaction ended within a statement of the deadline, having run only a few statements.
    expect(finishedAt).toBeGreaterThan(0);
    expect(finishedAt - answeredAt).toBeLessThan(300);
    expect(statements).toBeLessThan(5);
    await expect(t.db.read(SYSTEM, (h) => h.query('SELECT 1 AS one'))).resolves.toEqual([{ one: 1 }]);
  });

  it.each([
    ['a declared length (read by the route, holding a slot)', { 'content-length': '60000' }],
    ['no length (read by the size check)', {}],
  ])('a request stuck reading a body that trickles in, with %s, is answered at its deadline and holds no slot', async (_label, length) => {
    const config = loadConfig({ LOG_REQUESTS: 'false', WEB_DIST: '', ANSWER_CACHE_MS: '0', REQUEST_TIMEOUT_MS: '300', CONCURRENCY_TOTAL: '2' });
    const quick = createApp({ ...t.deps, config });
    const stuck = async () => {
      // One byte, then nothing: the route waits on the body for ever.
      const body = new ReadableStream<Uint8Array>({
        start(ctl) {
          ctl.enqueue(new TextEncoder().encode('{'));
        },
      });
      const headers = { cookie: county.cookie, 'x-csrf-token': county.csrfToken, 'content-type': 'application/json', ...length };
      return quick.request('/api/exports', { method: 'POST', headers, body, duplex: 'half' } as RequestInit);
    };
    const answers = await Promise.all([stuck(), stuck(), stuck()]);
    expect(answers.map((r) => r.status)).toEqual([503, 503, 503]);
    const health = (await (await quick.request('/api/health')).json()) as { requests: { running: number; waiting: number } };
    expect(health.requests).toEqual({ running: 0, waiting: 0 });
    // A request that needs a slot and the database is answered: none is held. A light one, since the
    // 300 ms deadline is this app's for every request (the embedded database's summary takes longer).
    expect((await quick.request('/api/campaigns', { headers: { cookie: county.cookie } })).status).toBe(200);
  });
});
