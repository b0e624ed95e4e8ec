import { describe, expect, it } from 'vitest';
import { createApp } from './app.ts';
import { FailureThrottle } from './auth/throttle.ts';
import { loadConfig } from './config.ts';
import type { Db } from './db/index.ts';
import { downDb } from './test/down-db.ts';

/** A database that fails with a bug, not an outage. */
const brokenDb: Db = { ...downDb, read: () => Promise.reject(new Error('column "x" does not exist at /srv/secret/path.ts:12')) };

const deps = (db: Db) => ({ db, config: loadConfig({ LOG_REQUESTS: 'false', WEB_DIST: '' }), now: () => new Date('2026-11-28T04:00:00Z'), throttle: new FailureThrottle() });
/** A database that holds no rows (a session cookie it is asked about names no session). */
const emptyDb = { ...downDb, read: (_scope: unknown, fn: (h: unknown) => unknown) => fn({ query: async () => [], exec: async () => {} }) } as unknown as Db;
/** A session cookie: looking it up is the first database call of a signed-in request. */
const withSession = { headers: { cookie: 'hy_session=abc' } };

describe('error mapping', () => {
  it.each(['/api/health', '/api/villages', '/api/stats/summary', '/api/villages/430421110200'])('%s answers 503 JSON while the database is down', async (path) => {
    const res = await createApp(deps(downDb)).request(path, withSession);
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(((await res.json()) as { error: unknown }).error).toEqual({ code: 'db_unavailable', message: expect.any(String) });
  });

  it.each(['/api/villages', '/api/stats/summary', '/api/admin/users', '/api/auth/me?probe=1'])(
    '%s answers 401 JSON without a session, before touching the database',
    async (path) => {
      const res = await createApp(deps(downDb)).request(path);
      expect(res.status).toBe(401);
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(await res.json()).toEqual({ error: { code: 'unauthenticated', message: expect.any(String) } });
    },
  );

  it('answers the session probe GET /api/auth/me with 200 { user: null } when no session cookie is sent, and 401 for a dead one', async () => {
    const anon = await createApp(deps(downDb)).request('/api/auth/me');
    expect(anon.status).toBe(200);
    expect(anon.headers.get('cache-control')).toContain('no-store');
    expect(await anon.json()).toEqual({ user: null, csrfToken: null });
    for (const headers of [{ cookie: 'hy_session=forged-session-token' }, { authorization: 'Bearer not-the-cli-token' }] as Record<string, string>[]) {
      const res = await createApp(deps(emptyDb)).request('/api/auth/me', { headers });
      expect(res.status).toBe(401);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('unauthenticated');
    }
  });

  it('answers an unexpected failure with a 500 that leaks no detail', async () => {
    const errors: unknown[] = [];
    const orig = console.error;
    console.error = (...a: unknown[]) => errors.push(a);
    try {
      const res = await createApp(deps(brokenDb)).request('/api/townships', withSession);
      expect(res.status).toBe(500);
      const text = await res.text();
      expect(text).not.toMatch(/secret|column|\.ts/);
      expect(JSON.parse(text)).toEqual({ error: { code: 'internal', message: 'internal error' } });
      expect(errors).toHaveLength(1);
    } finally {
      console.error = orig;
    }
  });
});
