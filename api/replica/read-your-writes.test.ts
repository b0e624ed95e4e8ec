import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import type { Principal } from '../auth/principal.ts';
import { readRoute } from '../db/read-routing.ts';
import { readYourWrites, WROTE_COOKIE } from './read-your-writes.ts';

const principal = (token: string): Principal => ({
  userId: 7,
  username: 'chief',
  displayName: '张三',
  role: 'township',
  townshipCode: '430421110',
  townshipName: '界牌镇',
  villageCodes: null,
  via: 'session',
  sessionToken: token,
  csrfToken: 'c',
});

/** A server whose handlers report the read route the database layer would see, and mark where reads went. */
function app(opts: { replica: boolean; clock?: () => number }) {
  return new Hono()
    .use('*', async (c, next) => {
      c.set('principal' as never, principal(c.req.header('x-session') ?? 's1') as never);
      await next();
    })
    .use('*', readYourWrites({ windowMs: 10_000, ...opts }))
    .get('/read', (c) => {
      const route = readRoute();
      if (route) route.servedBy = route.replica ? 'replica' : 'primary';
      return c.json({ replica: route?.replica ?? null });
    })
    .post('/write', (c) => c.json({ replica: readRoute()?.replica ?? null }, 201))
    .post('/refused', (c) => c.json({ error: {} }, 400));
}

const read = async (a: ReturnType<typeof app>, headers: Record<string, string> = {}) => {
  const res = await a.request('/read', { headers });
  return { from: res.headers.get('x-read-from'), body: (await res.json()) as { replica: boolean | null } };
};

describe('readYourWrites', () => {
  it('does nothing without a replica', async () => {
    const a = app({ replica: false });
    expect(await read(a)).toEqual({ from: null, body: { replica: null } });
    const w = await a.request('/write', { method: 'POST' });
    expect(w.headers.get('set-cookie')).toBeNull();
  });

  it('sends reads to the replica, writes to the primary, and the writer to the primary for the window', async () => {
    let now = 0;
    const a = app({ replica: true, clock: () => now });
    expect(await read(a)).toEqual({ from: 'replica', body: { replica: true } });
    const w = await a.request('/write', { method: 'POST' });
    expect(await w.json()).toEqual({ replica: false });
    const cookie = w.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(new RegExp(`^${WROTE_COOKIE}=1;`));
    expect(cookie).toMatch(/Max-Age=10;/);
    expect(cookie).toMatch(/HttpOnly/);
    // The cookie sends the writer to the primary on any server; this server also remembers the session.
    expect((await read(app({ replica: true }), { cookie: `${WROTE_COOKIE}=1` })).from).toBe('primary');
    expect((await read(a)).from).toBe('primary');
    // Another session is not held back by it.
    expect((await read(a, { 'x-session': 's2' })).from).toBe('replica');
    now = 9_999;
    expect((await read(a)).from).toBe('primary');
    now = 10_000;
    expect((await read(a)).from).toBe('replica');
  });

  it('counts only writes that succeeded', async () => {
    const a = app({ replica: true });
    const r = await a.request('/refused', { method: 'POST' });
    expect(r.status).toBe(400);
    expect(r.headers.get('set-cookie')).toBeNull();
    expect((await read(a)).from).toBe('replica');
  });
});
