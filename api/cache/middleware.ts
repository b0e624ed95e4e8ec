import type { MiddlewareHandler } from 'hono';
import { principalOf } from '../auth/middleware.ts';
import { scopeFor } from '../auth/principal.ts';
import type { Db, Scope } from '../db/index.ts';
import type { AnswerCache, CachedAnswer } from './answer-cache.ts';

/** Aggregates and maps: the same for everyone with one role and scope, and asked for often. */
const CACHEABLE = /^\/api\/(townships|villages|events|stats\/[a-z]+|coverage|feed|alerts|briefing|basemap|config)(\/\d{12})?$/;
/** Writes that change what those answers say. */
const INVALIDATING = /^\/api\/(hazards|disputes|visits|imports)(\/|$)/;

export function scopeKey(s: Scope): string {
  switch (s.kind) {
    case 'township':
      return `township:${s.township}`;
    case 'villages':
      return `villages:${s.township}:${[...s.villages].sort().join(',')}`;
    default:
      return s.kind;
  }
}

/** The cache key: role, scope, path and the query in a canonical order. */
export function answerKey(role: string, scope: Scope, url: URL): string {
  const q = [...url.searchParams.entries()].sort(([a, x], [b, y]) => (a === b ? (x < y ? -1 : x > y ? 1 : 0) : a < b ? -1 : 1));
  return `${role}|${scopeKey(scope)}|${url.pathname}?${new URLSearchParams(q).toString()}`;
}

function respond(answer: CachedAnswer, hit: boolean): Response {
  const headers = new Headers(answer.headers);
  headers.set('X-Answer-Cache', hit ? 'hit' : 'miss');
  return new Response(answer.body.slice(0), { status: 200, headers });
}

/** Serves cacheable GETs from the cache (per role and scope); clears it after a successful write. */
export function answerCache(cache: AnswerCache, db: Db): MiddlewareHandler {
  return async (c, next) => {
    if (c.req.method !== 'GET') {
      await next();
      if (c.res.status < 400 && INVALIDATING.test(c.req.path)) cache.clear();
      return;
    }
    if (!cache.enabled || !CACHEABLE.test(c.req.path)) return next();
    // The database may be down: let the request find out and answer 503, not a cached 200.
    if (!db.available()) {
      cache.clear();
      return next();
    }
    const p = principalOf(c);
    const key = answerKey(p.role, scopeFor(p), new URL(c.req.url));
    let ran = false;
    const { answer, shared } = await cache.get(key, async () => {
      ran = true;
      await next();
      if (c.res.status !== 200) return null;
      const body = await c.res.clone().arrayBuffer();
      return { body, headers: [...c.res.headers.entries()] };
    });
    if (shared && answer) c.res = respond(answer, true);
    else if (!ran) await next(); // the request we waited for failed: answer this one ourselves
    else if (answer) c.res.headers.set('X-Answer-Cache', 'miss');
  };
}
