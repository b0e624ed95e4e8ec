import { afterEach, describe, expect, it, vi } from 'vitest';
import { meQuery } from '../features/auth/auth-api.ts';
import { api } from './client.ts';
import { getCsrfToken, onUnauthenticated, sessionFetch, setCsrfToken } from './session.ts';

/** A fetch that records what it was given and answers `status`. */
function stub(status = 200) {
  const calls: { url: string; init: RequestInit }[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
      calls.push({ url: String(input), init });
      return new Response(JSON.stringify({ ok: true }), { status, headers: { 'content-type': 'application/json' } });
    }),
  );
  return calls;
}

const header = (init: RequestInit, name: string) => new Headers(init.headers).get(name);

afterEach(() => {
  vi.unstubAllGlobals();
  setCsrfToken(null);
});

describe('sessionFetch', () => {
  it.each([
    ['POST', 'tok-1'],
    ['PATCH', 'tok-1'],
    ['DELETE', 'tok-1'],
    ['GET', null],
    ['HEAD', null],
  ])('%s sends X-CSRF-Token: %s', async (method, expected) => {
    const calls = stub();
    setCsrfToken('tok-1');
    await sessionFetch('/api/hazards', { method });
    expect(header(calls[0]!.init, 'X-CSRF-Token')).toBe(expected);
    expect(calls[0]!.init.credentials).toBe('same-origin');
  });

  it('keeps the caller’s headers and sends no token before there is a session', async () => {
    const calls = stub();
    await sessionFetch('/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' } });
    expect(header(calls[0]!.init, 'content-type')).toBe('application/json');
    expect(header(calls[0]!.init, 'X-CSRF-Token')).toBeNull();
  });

  it('reports a 401 from a data endpoint, not from the sign-in endpoints', async () => {
    stub(401);
    const listener = vi.fn();
    const off = onUnauthenticated(listener);
    await sessionFetch('/api/auth/login', { method: 'POST' });
    await sessionFetch('/api/auth/me');
    expect(listener).not.toHaveBeenCalled();
    await sessionFetch('/api/townships?from=2026-01-01');
    expect(listener).toHaveBeenCalledTimes(1);
    off();
    await sessionFetch('/api/townships');
    expect(listener).toHaveBeenCalledTimes(1);
  });

  it('does not report a 403 (a role limit, not a lost session)', async () => {
    stub(403);
    const listener = vi.fn();
    const off = onUnauthenticated(listener);
    await sessionFetch('/api/admin/users');
    expect(listener).not.toHaveBeenCalled();
    off();
  });
});

describe('the typed client', () => {
  it('adds the token on a POST and not on a GET', async () => {
    const calls = stub();
    setCsrfToken('tok-2');
    await api.api.hazards.$post({ json: { clientId: 'c-1', category: '消防', severity: 2, lng: 112.4, lat: 27.0, description: 'x' } } as never);
    await api.api.health.$get();
    expect(calls[0]!.url).toContain('/api/hazards');
    expect(header(calls[0]!.init, 'X-CSRF-Token')).toBe('tok-2');
    expect(header(calls[0]!.init, 'content-type')).toBe('application/json');
    expect(calls[1]!.url).toContain('/api/health');
    expect(header(calls[1]!.init, 'X-CSRF-Token')).toBeNull();
    expect(calls[1]!.init.credentials).toBe('same-origin');
  });
});

describe('the session probe (GET /api/auth/me)', () => {
  /** A fetch that answers every call with `status` and `body`. */
  function answer(status: number, body: unknown) {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } })),
    );
  }
  const probe = () => (meQuery().queryFn as () => Promise<unknown>)();

  it.each([
    ['200 { user: null } (no session cookie: what a fresh page load gets, with nothing for the console)', 200, { user: null, csrfToken: null }],
    ['401 (the cookie names a session that has ended)', 401, { error: { code: 'unauthenticated', message: 'sign in' } }],
  ])('reads %s as signed out, without telling the 401 listeners', async (_label, status, body) => {
    answer(status, body);
    setCsrfToken('stale');
    const listener = vi.fn();
    const off = onUnauthenticated(listener);
    await expect(probe()).resolves.toBeNull();
    expect(getCsrfToken()).toBeNull();
    expect(listener).not.toHaveBeenCalled();
    off();
  });

  it('adopts the CSRF token of a live session', async () => {
    answer(200, { user: { id: 1, username: 'demo-county', displayName: 'x', role: 'county', townshipCode: null, townshipName: null, villageCodes: null }, csrfToken: 'csrf-7' });
    await expect(probe()).resolves.toMatchObject({ user: { username: 'demo-county' }, csrfToken: 'csrf-7' });
    expect(getCsrfToken()).toBe('csrf-7');
  });

  it('is an error, not "signed out", when the server fails', async () => {
    answer(503, { error: { code: 'db_unavailable', message: 'down' } });
    await expect(probe()).rejects.toMatchObject({ status: 503 });
  });
});
