import type { MiddlewareHandler } from 'hono';
import { principalOf } from '../auth/middleware.ts';
import { scopeFor } from '../auth/principal.ts';
import { COMPRESS_MIN_BYTES, encodeBody, encodedResponse, isCompressible, negotiateEncoding } from '../compression.ts';
import type { Db, Scope } from '../db/index.ts';
import type { ChangeNotices } from '../replica/change-notices.ts';
import type { AnswerCache, CachedAnswer } from './answer-cache.ts';

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

/**
 * The kept answer as this client takes it: compressed once per content coding and kept beside
 * the answer (api/compression.ts would otherwise compress it again on every hit).
 */
async function respondEncoded(cache: AnswerCache, key: string, answer: CachedAnswer, hit: boolean, method: string, accept: string | undefined): Promise<Response> {
  const res = respond(answer, hit);
  const encoding = negotiateEncoding(accept);
  if (!encoding || answer.body.byteLength < COMPRESS_MIN_BYTES || !isCompressible(method, res)) return res;
  const body = await cache.variant(key, answer, encoding, (b) => encodeBody(b, encoding));
  return encodedResponse(res, body, encoding);
}

/**
 * Serves a GET from the cache (per role and scope), for the routes it is applied to: aggregates
 * and maps, the same for everyone with one role and scope, and asked for often. Declared where
 * those routes are mounted (api/app.ts). Only a 200 is kept.
 */
export function cacheable(cache: AnswerCache, db: Db, notices?: ChangeNotices): MiddlewareHandler {
  return async (c, next) => {
    if (c.req.method !== 'GET' || !cache.enabled) return next();
    // Not hearing other servers' changes: what is kept here could be theirs' stale, so keep nothing.
    if (notices && !notices.listening()) {
      cache.clear();
      return next();
    }
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
    const accept = c.req.header('Accept-Encoding');
    if (shared && answer) c.res = await respondEncoded(cache, key, answer, true, c.req.method, accept);
    else if (!ran)
      await next(); // the request we waited for failed: answer this one ourselves
    else if (answer) {
      // Hono merges the old answer's headers into the new one: the uncompressed length must go.
      c.res.headers.delete('Content-Length');
      c.res = await respondEncoded(cache, key, answer, false, c.req.method, accept);
    }
  };
}

/** Methods that change nothing (Hono answers HEAD with the GET handler). */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Clears the cache after a successful write through the routes it is applied to (what changes
 * cached answers); other servers hear of it from the database (api/replica/change-notices.ts).
 * `holdMs`: see AnswerCache.clear.
 */
export function invalidates(cache: AnswerCache, holdMs = 0): MiddlewareHandler {
  return async (c, next) => {
    if (SAFE_METHODS.has(c.req.method)) return next();
    await next();
    if (c.res.status < 400) cache.clear(holdMs);
  };
}
