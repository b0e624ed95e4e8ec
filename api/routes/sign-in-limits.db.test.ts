import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../app.ts';
import { FailureThrottle } from '../auth/throttle.ts';
import { signIn } from '../test/sign-in.ts';
import { backend, type TestDb, testDb } from '../test/test-db.ts';

const RUN = `lim${Date.now().toString(36)}`;
let t: TestDb;

/** An app with its own limits (LOGIN_LOCK_MINUTES: 1) and a clock the test moves. */
function limitedApp(overrides: Partial<TestDb['config']> = {}) {
  const clock = { now: Date.now() };
  const config = { ...t.config, LOGIN_LOCK_AFTER: 5, LOGIN_LOCK_MINUTES: 1, LOGIN_ADDRESS_LIMIT: 20, LOGIN_DELAY_AFTER: 10, LOGIN_DELAY_MAX_MS: 20, ...overrides };
  const app = createApp({ ...t.deps, config, throttle: new FailureThrottle(undefined, undefined, () => clock.now) });
  /** One request from `address` (the socket's peer address, as the node server passes it). */
  const from = (address: string, path: string, body: unknown, headers: Record<string, string> = {}) =>
    app.request(
      path,
      { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) },
      { incoming: { socket: { remoteAddress: address } } },
    );
  const login = async (address: string, username: string, password: string) => (await from(address, '/api/auth/login', { username, password })).status;
  return { app, clock, from, login };
}

async function addUser(username: string, password: string) {
  const admin = await signIn(createApp({ ...t.deps, throttle: new FailureThrottle() }), 'demo-admin');
  const res = await admin.request('/api/admin/users', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, displayName: username, password, role: 'county' }),
  });
  expect(res.status).toBe(201);
}

beforeAll(async () => {
  t = await testDb();
  await addUser(`${RUN}-a`, 'right-pass-1');
  await addUser(`${RUN}-b`, 'right-pass-2');
  await addUser(`${RUN}-c`, 'right-pass-3');
});

describe(`sign-in limits (${backend})`, () => {
  it('an attacker locking an account at their address does not stop its user at another address', async () => {
    const { login } = limitedApp();
    const user = `${RUN}-a`;
    const statuses = [];
    for (let i = 0; i < 6; i++) statuses.push(await login('203.0.113.9', user, `wrong-${i}`));
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
    expect(await login('203.0.113.9', user, 'right-pass-1')).toBe(429);
    expect(await login('10.1.2.3', user, 'right-pass-1')).toBe(200);
  });

  it('a lock ends after LOGIN_LOCK_MINUTES and counting starts from zero; an old failure no longer counts', async () => {
    const { login, clock } = limitedApp();
    const user = `${RUN}-b`;
    for (let i = 0; i < 5; i++) expect(await login('198.51.100.1', user, 'wrong')).toBe(401);
    expect(await login('198.51.100.1', user, 'right-pass-2')).toBe(429);
    clock.now += 59_000;
    expect(await login('198.51.100.1', user, 'right-pass-2')).toBe(429);
    clock.now += 1_000;
    const after = [];
    for (let i = 0; i < 6; i++) after.push(await login('198.51.100.1', user, 'wrong'));
    expect(after).toEqual([401, 401, 401, 401, 401, 429]);
    // Four failures, a minute passes, four more: never five within the window.
    clock.now += 60_000;
    const spread = [];
    for (let i = 0; i < 4; i++) spread.push(await login('198.51.100.2', user, 'wrong'));
    clock.now += 60_001;
    for (let i = 0; i < 4; i++) spread.push(await login('198.51.100.2', user, 'wrong'));
    expect(spread).toEqual(Array(8).fill(401));
    expect(await login('198.51.100.2', user, 'right-pass-2')).toBe(200);
  });

  it('known and unknown usernames get the same answers in the same order, 30 attempts', async () => {
    const { from, clock } = limitedApp({ LOGIN_ADDRESS_LIMIT: 12 });
    const answers = async (address: string, username: string) => {
      const out: string[] = [];
      for (let i = 0; i < 30; i++) {
        if (i === 12) clock.now += 60_000; // the first locks end half-way
        const res = await from(address, '/api/auth/login', { username, password: `wrong-${i}` });
        const body = (await res.json()) as { error: { code: string; message: string } };
        out.push(`${res.status} ${body.error.code} ${res.headers.get('retry-after') ?? '-'} ${body.error.message}`);
      }
      return out;
    };
    const start = clock.now;
    const known = await answers('192.0.2.10', `${RUN}-c`);
    clock.now = start;
    const unknown = await answers('192.0.2.11', `${RUN}-nobody`);
    expect(unknown).toEqual(known);
    expect(new Set(known.map((a) => a.slice(0, 3)))).toEqual(new Set(['401', '429']));
  });

  it('a good sign-in does not reset the address throttle', async () => {
    const { login } = limitedApp();
    for (let i = 0; i < 19; i++) expect(await login('192.0.2.50', `${RUN}-ghost-${i}`, 'nope-nope-1')).toBe(401);
    expect(await login('192.0.2.50', `${RUN}-a`, 'right-pass-1')).toBe(200);
    expect(await login('192.0.2.50', `${RUN}-ghost-x`, 'nope-nope-1')).toBe(401);
    expect(await login('192.0.2.50', `${RUN}-a`, 'right-pass-1')).toBe(429);
    expect(await login('192.0.2.51', `${RUN}-a`, 'right-pass-1')).toBe(200);
  });

  it('attempts sent at once count while in flight: no more than LOGIN_LOCK_AFTER are checked', async () => {
    const { login } = limitedApp();
    const statuses = await Promise.all(Array.from({ length: 12 }, (_, i) => login('192.0.2.77', `${RUN}-a`, `wrong-${i}`)));
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(5);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(7);
  });

  it('wrong current passwords on /api/auth/password count and lock the same way', async () => {
    const { from, login } = limitedApp();
    const user = `${RUN}-b`;
    const res = await from('192.0.2.90', '/api/auth/login', { username: user, password: 'right-pass-2' });
    expect(res.status).toBe(200);
    const cookie = /hy_session=[^;]+/.exec(res.headers.get('set-cookie')!)![0];
    const csrf = ((await res.json()) as { csrfToken: string }).csrfToken;
    const change = async (currentPassword: string) =>
      (await from('192.0.2.90', '/api/auth/password', { currentPassword, newPassword: 'right-pass-2b' }, { cookie, 'x-csrf-token': csrf })).status;
    const statuses = [];
    for (let i = 0; i < 6; i++) statuses.push(await change(`wrong-${i}`));
    expect(statuses).toEqual([400, 400, 400, 400, 400, 429]);
    expect(await change('right-pass-2')).toBe(429);
    expect(await login('192.0.2.90', user, 'right-pass-2')).toBe(429);
    expect(await login('192.0.2.91', user, 'right-pass-2')).toBe(200);
  });
});
