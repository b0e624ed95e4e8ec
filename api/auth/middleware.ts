import { timingSafeEqual } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import type { Deps } from '../deps.ts';
import { ForbiddenError, UnauthenticatedError } from '../errors.ts';
import type { Principal, Role } from './principal.ts';
import type { SessionCache } from './session-cache.ts';
import { findSession, type SessionRow, touchSession } from './sessions.ts';

export const SESSION_COOKIE = 'hy_session';
export const CSRF_HEADER = 'X-CSRF-Token';

/** Paths anyone may call: liveness, and the two ways to sign in. */
const PUBLIC = new Set(['/api/health', '/api/auth/login', '/api/auth/device']);
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

const KEY = 'principal' as never;

export function principalFromSession(s: SessionRow, sessionToken: string): Principal {
  const u = s.user;
  return {
    userId: u.id,
    username: u.username,
    displayName: u.displayName,
    role: u.role,
    townshipCode: u.townshipCode,
    townshipName: u.townshipName,
    villageCodes: u.villageCodes,
    via: 'session',
    sessionToken,
    csrfToken: s.csrfToken,
  };
}

const CLI: Principal = {
  userId: null,
  username: 'cli',
  displayName: '命令行 (local CLI)',
  role: 'admin',
  townshipCode: null,
  townshipName: null,
  villageCodes: null,
  via: 'cli',
  sessionToken: null,
  csrfToken: null,
};

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Who is calling: the session cookie, or the local CLI's bearer token. Every /api path but
 * PUBLIC needs one (401 otherwise); writes over a cookie also need the session's CSRF token.
 */
export function authenticate(deps: Deps, sessions: SessionCache): MiddlewareHandler {
  return async (c, next) => {
    if (!c.req.path.startsWith('/api/') || PUBLIC.has(c.req.path)) return next();
    const bearer = /^Bearer (\S+)$/.exec(c.req.header('Authorization') ?? '')?.[1];
    if (bearer !== undefined) {
      if (!deps.cliToken || !sameSecret(bearer, deps.cliToken)) throw new UnauthenticatedError('invalid bearer token');
      c.set(KEY, CLI);
      return next();
    }
    const token = getCookie(c, SESSION_COOKIE);
    if (!token || token.length > 200) throw new UnauthenticatedError();
    let session = sessions.get(token);
    if (!session) {
      session = await deps.db.read({ kind: 'county' }, (h) => findSession(h, token));
      if (!session) throw new UnauthenticatedError('the session has expired or was ended; sign in again');
      if (session.stale) await deps.db.write({ kind: 'county' }, (h) => touchSession(h, token));
      sessions.set(token, { ...session, stale: false });
    }
    // Known before the CSRF check, so a refused write is audited under its caller.
    c.set(KEY, principalFromSession(session, token));
    if (!SAFE_METHODS.has(c.req.method)) {
      const sent = c.req.header(CSRF_HEADER);
      if (!sent || !sameSecret(sent, session.csrfToken)) throw new ForbiddenError(`missing or wrong ${CSRF_HEADER} header`, 'csrf_failed');
    }
    return next();
  };
}

/** The caller; only absent on PUBLIC paths. */
export function principalOf(c: Context): Principal {
  const p = c.get(KEY) as Principal | undefined;
  if (!p) throw new UnauthenticatedError();
  return p;
}

/** The caller if one is known yet (the error handler's view), else null. */
export function callerOf(c: Context): Principal | null {
  return (c.get(KEY) as Principal | undefined) ?? null;
}

/** Lets only the given roles through (403 `forbidden` otherwise). */
export function allow(...roles: Role[]): MiddlewareHandler {
  return async (c, next) => {
    const p = principalOf(c);
    if (!roles.includes(p.role)) throw new ForbiddenError(`role ${p.role} may not ${c.req.method} ${c.req.path}`);
    return next();
  };
}
