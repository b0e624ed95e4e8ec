import type { Context, MiddlewareHandler } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { callerOf } from '../auth/middleware.ts';
import { withReadRoute } from '../db/read-routing.ts';

/** Set for READ_YOUR_WRITES_MS after a successful write: any server then reads this browser's requests from the primary. */
export const WROTE_COOKIE = 'hy_wrote';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** Writers remembered per server (for callers without cookies, such as the CLI): the oldest go past this. */
const MAX_REMEMBERED = 10_000;

export interface ReadYourWritesOptions {
  /** A replica is configured; without one every read is the primary's and this does nothing. */
  replica: boolean;
  /** How long after its last write a caller's reads stay on the primary. */
  windowMs: number;
  clock?: () => number;
}

function isHttps(c: Context): boolean {
  return new URL(c.req.url).protocol === 'https:' || c.req.header('X-Forwarded-Proto') === 'https';
}

/**
 * Which server a request's reads go to, with a streaming replica (DATABASE_READ_URL). The rule:
 * a read-only request (GET, HEAD) reads from the replica unless its caller wrote within the last
 * READ_YOUR_WRITES_MS; writes, and everything a writer reads in that window, go to the primary.
 * "Wrote" is known twice over: a short-lived cookie set on the write's answer (so the next
 * request reads from the primary whichever server behind the load balancer it reaches), and a
 * note on this server of the session (for clients that drop cookies). The answer says where
 * its reads went in X-Read-From. After authentication: the session lookup always reads the
 * primary (a session just opened on another server may not have reached the replica yet).
 */
export function readYourWrites(opts: ReadYourWritesOptions): MiddlewareHandler {
  const clock = opts.clock ?? Date.now;
  const wroteAt = new Map<string, number>();
  return async (c, next) => {
    if (!opts.replica) return next();
    const p = callerOf(c);
    // The session (a browser's, a wall's), or the CLI's token: each its own writer.
    const who = p ? (p.sessionToken ?? `cli:${p.username}`) : null;
    if (SAFE_METHODS.has(c.req.method)) {
      const recent = getCookie(c, WROTE_COOKIE) !== undefined || (who !== null && clock() - (wroteAt.get(who) ?? -Infinity) < opts.windowMs);
      const route = { replica: !recent, servedBy: null as 'primary' | 'replica' | null };
      await withReadRoute(route, next);
      if (route.servedBy) c.res.headers.set('X-Read-From', route.servedBy);
      return;
    }
    await withReadRoute({ replica: false, servedBy: null }, next);
    if (c.res.status >= 400) return;
    if (who !== null) {
      wroteAt.delete(who);
      wroteAt.set(who, clock());
      if (wroteAt.size > MAX_REMEMBERED) wroteAt.delete(wroteAt.keys().next().value!);
    }
    setCookie(c, WROTE_COOKIE, '1', { httpOnly: true, sameSite: 'Strict', path: '/', secure: isHttps(c), maxAge: Math.max(1, Math.ceil(opts.windowMs / 1000)) });
  };
}
