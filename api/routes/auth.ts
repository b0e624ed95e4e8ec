import type { Context } from 'hono';
import { Hono } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
import { z } from 'zod';
import { audit, clientIp } from '../audit.ts';
import type { AuditRepeats } from '../audit-repeats.ts';
import { findDevice, noteDeviceUse } from '../auth/devices.ts';
import { principalOf, SESSION_COOKIE } from '../auth/middleware.ts';
import { decoyHash, verifyPassword } from '../auth/password.ts';
import { type UserJson, userJson } from '../auth/principal.ts';
import type { SessionCache } from '../auth/session-cache.ts';
import { closeSession, dropExpiredSessions, openSession } from '../auth/sessions.ts';
import { type Refusal, SignInLimits, sleep } from '../auth/sign-in-limits.ts';
import { findUser, noteSignIn, type UserRow, updateUser } from '../auth/users.ts';
import { AppError, ValidationError } from '../errors.ts';
import type { Deps } from './deps.ts';
import { NO_NUL, noQuery, validate } from './validation.ts';

const loginBody = z
  .object({ username: z.string().trim().toLowerCase().min(1).max(64).regex(NO_NUL, 'must not contain NUL characters'), password: z.string().min(1).max(200) })
  .strict();
const deviceBody = z.object({ token: z.string().min(10).max(200) }).strict();
const passwordBody = z.object({ currentPassword: z.string().min(1).max(200), newPassword: z.string().max(200) }).strict();
const COUNTY = { kind: 'county' } as const;

const invalid = () => new AppError(401, 'invalid_credentials', '用户名或密码错误 (wrong username or password)');
function tooMany(seconds: number): AppError {
  return new AppError(429, 'too_many_attempts', `登录失败次数过多，请 ${Math.ceil(seconds / 60)} 分钟后再试 (too many failed sign-ins)`, undefined, { retryAfterSeconds: seconds });
}

function isHttps(c: Context): boolean {
  return new URL(c.req.url).protocol === 'https:' || c.req.header('X-Forwarded-Proto') === 'https';
}

function setSessionCookie(c: Context, token: string, maxAge: number) {
  setCookie(c, SESSION_COOKIE, token, { httpOnly: true, sameSite: 'Strict', path: '/', secure: isHttps(c), maxAge });
}

/** Sets the cookie of a fresh session and answers its user (the row the caller already read). */
function signedIn(c: Context, user: UserRow, opened: { token: string; csrfToken: string; maxAgeSeconds: number }) {
  setSessionCookie(c, opened.token, opened.maxAgeSeconds);
  const { id, username, displayName, role, townshipCode, townshipName, villageCodes } = user;
  const answer: UserJson = { id, username, displayName, role, townshipCode, townshipName, villageCodes };
  return { user: answer, csrfToken: opened.csrfToken };
}

/** The 429 of a refused attempt, with Retry-After. */
function refuse(c: Context, seconds: number): never {
  c.header('Retry-After', String(seconds));
  throw tooMany(seconds);
}

const limitsOf = (deps: Deps) => new SignInLimits(deps.throttle, deps.config);

/**
 * Checks a password under the sign-in limits (auth/sign-in-limits.ts): refused while the address or this
 * account at this address is locked, delayed by the account's back-off, counted in flight.
 * `check` answers whether it was right; a refusal is audited by `onRefused`.
 */
async function limitedCheck(deps: Deps, c: Context, username: string, check: () => Promise<boolean>, onRefused: (r: Refusal) => Promise<void>): Promise<boolean> {
  const limits = limitsOf(deps);
  const address = clientIp(c) ?? 'local';
  const refused = limits.refusal(username, address);
  if (refused) {
    await onRefused(refused);
    refuse(c, refused.seconds);
  }
  limits.begin(username, address);
  let outcome: 'failed' | 'succeeded' | 'error' = 'error';
  try {
    await sleep(limits.delayMs(username));
    const ok = await check();
    outcome = ok ? 'succeeded' : 'failed';
    return ok;
  } finally {
    limits.settle(username, address, outcome);
  }
}

/** A sign-in refused while locked: audited once per name, address and limit in the repeat window. */
async function lockedEntry(deps: Deps, repeats: AuditRepeats | undefined, e: { actor: string; role: UserRow['role'] | null; by: string; ip: string | null; during?: string }) {
  const admitted = repeats?.admit('auth.login_locked', `${e.actor}\u0000${e.ip}\u0000${e.by}`) ?? { write: true, repeated: 0, dropped: 0 };
  if (!admitted.write) return;
  const detail = {
    by: e.by,
    ...(e.during ? { during: e.during } : {}),
    ...(admitted.repeated ? { repeated: admitted.repeated } : {}),
    ...(admitted.dropped ? { dropped: admitted.dropped } : {}),
  };
  await deps.db.write(COUNTY, (h) => audit(h, { actor: e.actor, role: e.role, action: 'auth.login_locked', detail, ip: e.ip }));
}

export function authRoutes(deps: Deps, sessions: SessionCache, repeats?: AuditRepeats) {
  return new Hono()
    .post('/login', validate('json', loginBody), async (c) => {
      const { username, password } = c.req.valid('json');
      const ip = clientIp(c);
      let user: UserRow | null = null;
      const ok = await limitedCheck(
        deps,
        c,
        username,
        async () => {
          user = await deps.db.read(COUNTY, (h) => findUser(h, { username }));
          // Same cost whether or not the user exists, so timing does not reveal usernames.
          return (await verifyPassword(password, user?.passwordHash ?? (await decoyHash()))) && !!user && !user.disabled;
        },
        // The same answer for every username, known or not; the log says which limit refused it.
        (r) => lockedEntry(deps, repeats, { actor: username, role: null, by: r.by, ip }),
      );
      const found = user as UserRow | null;
      if (!ok || !found) {
        const reason = !found ? 'unknown_user' : found.disabled ? 'disabled' : 'wrong_password';
        await deps.db.write(COUNTY, (h) => audit(h, { actor: username, role: found?.role ?? null, action: 'auth.login_failed', detail: { reason }, ip }));
        throw invalid();
      }
      const opened = await deps.db.write(COUNTY, async (h) => {
        await dropExpiredSessions(h);
        await noteSignIn(h, found.id);
        await audit(h, { actor: username, role: found.role, action: 'auth.login', ip });
        return openSession(h, found.id);
      });
      return c.json(signedIn(c, found, opened), 200);
    })
    .post('/device', validate('json', deviceBody), async (c) => {
      const ip = clientIp(c);
      const limits = limitsOf(deps);
      const wait = limits.addressRefusal(ip ?? 'local');
      if (wait > 0) refuse(c, wait);
      const { token } = c.req.valid('json');
      const signed = await deps.db.write(COUNTY, async (h) => {
        const device = await findDevice(h, token);
        if (!device) return null;
        const user = (await findUser(h, { id: device.userId }))!;
        await audit(h, { actor: user.username, role: 'wall', action: 'auth.device_login', target: `device:${device.id}`, ip });
        await noteDeviceUse(h, device.id);
        return { user, opened: await openSession(h, device.userId, device.id) };
      });
      if (!signed) {
        limits.addressFailed(ip ?? 'local');
        await deps.db.write(COUNTY, (h) => audit(h, { actor: 'device', role: 'wall', action: 'auth.device_login_failed', ip }));
        throw new AppError(401, 'invalid_device_token', '设备令牌无效或已被撤销 (the device token is invalid or revoked)');
      }
      return c.json(signedIn(c, signed.user, signed.opened), 200);
    })
    .post('/logout', async (c) => {
      const p = principalOf(c);
      if (p.sessionToken) {
        const token = p.sessionToken;
        sessions.delete(token);
        await deps.db.write(COUNTY, async (h) => {
          await closeSession(h, token);
          await audit(h, { actor: p.username, role: p.role, action: 'auth.logout', ip: clientIp(c) });
        });
      }
      deleteCookie(c, SESSION_COOKIE, { path: '/', secure: isHttps(c) });
      return c.json({ ok: true as const });
    })
    .post('/password', validate('json', passwordBody), async (c) => {
      const p = principalOf(c);
      if (p.userId === null || !p.sessionToken) throw new AppError(400, 'invalid_request', 'the CLI has no password to change');
      const { currentPassword, newPassword } = c.req.valid('json');
      const ip = clientIp(c);
      let user: UserRow | null = null;
      // A wrong current password is a failed sign-in: the same limits, the same locks.
      const ok = await limitedCheck(
        deps,
        c,
        p.username,
        async () => {
          user = await deps.db.read(COUNTY, (h) => findUser(h, { id: p.userId! }));
          return !!user && (await verifyPassword(currentPassword, user.passwordHash));
        },
        (r) => lockedEntry(deps, repeats, { actor: p.username, role: p.role, by: r.by, ip, during: 'password_change' }),
      );
      if (!ok || !user) {
        await deps.db.write(COUNTY, (h) => audit(h, { actor: p.username, role: p.role, action: 'auth.password_change_failed', ip }));
        throw new ValidationError('the current password is wrong', { currentPassword: '当前密码不正确 (wrong current password)' });
      }
      const found: UserRow = user;
      // One transaction: the new password, the end of every session of the user, and the fresh
      // session this browser carries on under.
      const opened = await deps.db.write(COUNTY, async (h) => {
        await updateUser(h, found.id, { password: newPassword });
        await audit(h, { actor: p.username, role: p.role, action: 'auth.password_change', ip });
        return openSession(h, found.id);
      });
      sessions.clear();
      return c.json(signedIn(c, found, opened), 200);
    })
    .get('/me', validate('query', noQuery), (c) => {
      const p = principalOf(c);
      return c.json({ user: userJson(p), csrfToken: p.csrfToken });
    });
}
