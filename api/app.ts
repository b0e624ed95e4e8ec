import { Hono, type MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { auditDenied } from './audit.ts';
import { AuditRepeats } from './audit-repeats.ts';
import { authenticate, SESSION_COOKIE } from './auth/middleware.ts';
import { SessionCache } from './auth/session-cache.ts';
import { AnswerCache } from './cache/answer-cache.ts';
import { cacheable, invalidates } from './cache/middleware.ts';
import { DbUnavailableError } from './db/index.ts';
import { RequestAbandonedError } from './db/request-signal.ts';
import type { Deps } from './deps.ts';
import { AppError } from './errors.ts';
import { bodyLimits, fairConcurrency, limiterFor, requestDeadline } from './limits/middleware.ts';
import { openapiRoutes } from './openapi/routes.ts';
import { CoverageBase } from './queries/coverage-base.ts';
import { VillageHeads } from './queries/village-heads.ts';
import { SESSION_TABLES } from './replica/change-notices.ts';
import { readYourWrites } from './replica/read-your-writes.ts';
import { adminRoutes } from './routes/admin.ts';
import { alertsRoutes } from './routes/alerts.ts';
import { authRoutes } from './routes/auth.ts';
import { basemapRoutes } from './routes/basemap.ts';
import { boundaryImportRoutes } from './routes/boundary-imports.ts';
import { briefingRoutes } from './routes/briefing.ts';
import { campaignAdminRoutes } from './routes/campaign-admin.ts';
import { campaignsRoutes } from './routes/campaigns.ts';
import { clientConfigRoutes } from './routes/client-config.ts';
import { coverageRoutes } from './routes/coverage.ts';
import { disputesRoutes } from './routes/disputes.ts';
import { eventsRoutes } from './routes/events.ts';
import { exportsRoutes } from './routes/exports.ts';
import { feedRoutes } from './routes/feed.ts';
import { hazardsRoutes } from './routes/hazards.ts';
import { healthRoutes } from './routes/health.ts';
import { ledgerImportRoutes } from './routes/ledger-imports.ts';
import { statsRoutes } from './routes/stats.ts';
import { tilesRoutes } from './routes/tiles.ts';
import { townshipsRoutes } from './routes/townships.ts';
import { villagesRoutes } from './routes/villages.ts';
import { visitsRoutes } from './routes/visits.ts';

export type { Deps } from './deps.ts';

/** How long after a change answers are served but not cached when reads may come from a replica (loopback lag is ~ms). */
const REPLICA_SETTLE_MS = 1000;

function errorBody(code: string, message: string, fields?: Record<string, string>, details?: Record<string, unknown>) {
  return { error: { ...details, code, message, ...(fields ? { fields } : {}) } };
}

/**
 * Every API answer depends on who asks (row-level security, masking): no shared cache may keep
 * one, and a browser's own cache must key it by the credentials.
 */
const privateAnswers: MiddlewareHandler = async (c, next) => {
  await next();
  const set = c.res.headers.get('Cache-Control');
  c.res.headers.set('Cache-Control', set ? set.replace(/\bpublic\b/, 'private') : 'private, no-store');
  c.res.headers.append('Vary', 'Cookie, Authorization');
};

/**
 * The page's session probe: `GET /api/auth/me` from a browser that holds no session cookie (and
 * offers no bearer token) is simply not signed in, which is an answer, not an error: 200
 * `{ user: null, csrfToken: null }`, so a fresh page load logs no failed request in the console.
 * A cookie that names no live session (ended, expired) is still the 401 it was: the page learns
 * that its session is gone. Everything else goes through `authenticate` unchanged.
 */
const anonymousProbe: MiddlewareHandler = async (c, next) => {
  if (c.req.method !== 'GET' || c.req.path !== '/api/auth/me' || new URL(c.req.url).search !== '') return next();
  if (c.req.header('Authorization') !== undefined || getCookie(c, SESSION_COOKIE) !== undefined) return next();
  c.header('Cache-Control', 'no-store');
  return c.json({ user: null, csrfToken: null }, 200);
};

/**
 * A JSON endpoint given another kind of body would read it as `{}`: refuse it instead. Uploads
 * (imports) take files, and bodiless writes (logout, revoke) have nothing to check.
 */
const jsonBodies: MiddlewareHandler = async (c, next) => {
  const m = c.req.method;
  if ((m !== 'POST' && m !== 'PATCH' && m !== 'PUT') || c.req.path.startsWith('/api/imports/')) return next();
  const length = c.req.header('content-length');
  const hasBody = c.req.raw.body !== null && (length === undefined || Number(length) > 0);
  if (hasBody && !/^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i.test(c.req.header('content-type') ?? '')) {
    throw new AppError(415, 'unsupported_media_type', 'send the body as JSON (Content-Type: application/json)');
  }
  return next();
};

/**
 * The app: the API under /api, one error handler for everything. The web's typed client is
 * built from `AppType`. `server.ts` adds the static web build on top, and passes the
 * middleware that must run before every route (security headers, request log).
 */
export function createApp(given: Deps, middleware: readonly MiddlewareHandler[] = []) {
  const deps: Deps = {
    ...given,
    coverageBase: given.coverageBase ?? new CoverageBase(given.db, given.now),
    villageHeads: given.villageHeads ?? new VillageHeads(),
  };
  const root = new Hono();
  for (const m of middleware) root.use('*', m);
  root.use('/api/*', privateAnswers);
  // The deadline first: a chunked body is read in full by the size check, and one that trickles
  // in must still be answered in time. Then sizes: nothing below reads a body larger than allowed.
  root.use('/api/*', requestDeadline(deps.config));
  root.use('/api/*', bodyLimits(deps.config));
  const sessions = new SessionCache();
  const repeats = new AuditRepeats(deps.config.AUDIT_REPEAT_WINDOW_MS);
  root.use('/api/auth/me', anonymousProbe);
  root.use('/api/*', authenticate(deps, sessions));
  root.use('/api/*', jsonBodies);
  // Reads of read-only requests go to the replica (DATABASE_READ_URL) unless the caller just wrote.
  root.use('/api/*', readYourWrites({ replica: Boolean(deps.config.DATABASE_READ_URL), windowMs: deps.config.READ_YOUR_WRITES_MS }));
  const answers = new AnswerCache(deps.config.ANSWER_CACHE_MS, { maxBytes: deps.config.ANSWER_CACHE_MAX_BYTES });
  // With a replica, answers computed just after a write may come from a replica a moment behind it.
  const hold = deps.config.DATABASE_READ_URL ? REPLICA_SETTLE_MS : 0;
  // Other servers' writes (and CLIs', imports') reach these caches through the database's notices.
  deps.changes?.on((table) => {
    if (table === null || SESSION_TABLES.has(table)) sessions.clear();
    if (table === null || !SESSION_TABLES.has(table)) answers.clear(hold);
  });
  // Answer caching, declared per mounted sub-app below: the aggregates and maps are cached (per
  // role and scope), and a successful write to what they count clears the cache.
  const cached = cacheable(answers, deps.db, deps.changes);
  for (const mount of ['/api/config', '/api/basemap', '/api/townships', '/api/villages', '/api/events', '/api/stats', '/api/coverage', '/api/feed', '/api/alerts', '/api/briefing'])
    root.use(`${mount}/*`, cached);
  root.use('/api/campaigns/*', cached);
  // Vector tiles: a map asks for dozens at once, each a small aggregate of one area.
  root.use('/api/tiles/*', cached);
  const invalidating = invalidates(answers, hold);
  for (const mount of ['/api/hazards', '/api/disputes', '/api/visits', '/api/imports']) root.use(`${mount}/*`, invalidating);
  root.use('/api/admin/campaigns/*', invalidating);
  const limiter = limiterFor(deps.config);
  root.use('/api/*', fairConcurrency(limiter));
  const app = root
    .route('/api/health', healthRoutes(deps, limiter))
    .route('/api/auth', authRoutes(deps, sessions, repeats))
    .route('/api/admin/campaigns', campaignAdminRoutes(deps))
    .route('/api/admin', adminRoutes(deps, sessions))
    .route('/api/exports', exportsRoutes(deps))
    .route('/api/config', clientConfigRoutes(deps))
    .route('/api/basemap', basemapRoutes(deps))
    .route('/api/townships', townshipsRoutes(deps))
    .route('/api/villages', villagesRoutes(deps))
    .route('/api/events', eventsRoutes(deps))
    .route('/api/tiles', tilesRoutes(deps))
    .route('/api/stats', statsRoutes(deps))
    .route('/api/coverage', coverageRoutes(deps))
    .route('/api/feed', feedRoutes(deps))
    .route('/api/alerts', alertsRoutes(deps))
    .route('/api/briefing', briefingRoutes(deps))
    .route('/api/campaigns', campaignsRoutes(deps))
    .route('/api/hazards', hazardsRoutes(deps))
    .route('/api/disputes', disputesRoutes(deps))
    .route('/api/visits', visitsRoutes(deps))
    .route('/api/imports/ledger', ledgerImportRoutes(deps))
    .route('/api/imports/boundaries', boundaryImportRoutes(deps))
    .route('/api', openapiRoutes(root));

  app.notFound((c) => c.json(errorBody('not_found', `no such endpoint: ${c.req.method} ${c.req.path}`), 404));
  app.onError(async (err, c) => {
    if (err instanceof AppError) {
      if (err.status === 401 || err.status === 403) c.header('Cache-Control', 'no-store');
      if (err.status === 403) await auditDenied(deps.db, c, err.code, repeats);
      if (err.status === 503) c.header('Retry-After', '2');
      return c.json(errorBody(err.code, err.message, err.fields, err.details), err.status);
    }
    if (err instanceof RequestAbandonedError) {
      c.header('Retry-After', '2');
      return c.json(errorBody(err.code, err.message), 503);
    }
    if (err instanceof DbUnavailableError) {
      // While the database is down, say so everywhere rather than serve what was cached before.
      answers.clear();
      c.header('Retry-After', '5');
      return c.json(errorBody(err.code, 'the database is unavailable; try again shortly'), 503);
    }
    if (err instanceof HTTPException) {
      const status = err.status as ContentfulStatusCode;
      const code = status === 413 ? 'payload_too_large' : status === 400 ? 'invalid_request' : 'http_error';
      return c.json(errorBody(code, err.message || 'request failed'), status);
    }
    // Unknown failures: log the detail server-side, never send a stack trace.
    console.error(JSON.stringify({ level: 'error', msg: 'unhandled', path: c.req.path, err: String(err) }));
    return c.json(errorBody('internal', 'internal error'), 500);
  });
  return app;
}

export type AppType = ReturnType<typeof createApp>;
