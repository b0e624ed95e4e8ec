import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import type { Hono, MiddlewareHandler } from 'hono';
import { cors } from 'hono/cors';
import { createApp, type Deps } from './app.ts';
import { compressAnswers } from './compression.ts';
import { securityHeaders } from './security-headers.ts';

/**
 * One JSON line per request: the path only (query strings may carry names), never bodies, and
 * the user by id and role, never by name.
 */
const requestLog: MiddlewareHandler = async (c, next) => {
  const t0 = performance.now();
  await next();
  const p = c.get('principal' as never) as { userId: number | null; role: string } | undefined;
  const who = p ? { uid: p.userId ?? 'cli', role: p.role } : {};
  console.log(JSON.stringify({ level: 'info', method: c.req.method, path: c.req.path, status: c.res.status, ms: +(performance.now() - t0).toFixed(1), ...who }));
};

/**
 * The dashboard server: the API plus the built web app (SPA: unknown non-API paths get
 * index.html so deep links work). Without a build, / explains how to make one.
 */
export function createServerApp(deps: Deps): Hono {
  const middleware: MiddlewareHandler[] = [securityHeaders(deps.config)];
  if (deps.config.LOG_REQUESTS) middleware.push(requestLog);
  // Outside everything below it, the answer cache included (which keeps its own compressed copies).
  middleware.push(compressAnswers());
  // Off unless configured: the dashboard is served from the API's own origin.
  if (deps.config.CORS_ORIGINS.length) {
    const allowed = cors({
      origin: deps.config.CORS_ORIGINS,
      credentials: true,
      allowHeaders: ['Content-Type', 'X-CSRF-Token', 'Idempotency-Key'],
      allowMethods: ['GET', 'POST', 'PATCH', 'DELETE'],
      // what a tile says about itself (api/routes/tiles.ts), readable by a map on another origin
      exposeHeaders: ['X-Tile-Layer', 'X-Tile-Features', 'X-Tile-Truncated'],
    });
    middleware.push((c, next) => (c.req.path.startsWith('/api/') ? allowed(c, next) : next()));
  }
  const app = createApp(deps, middleware) as unknown as Hono;
  const dist = path.resolve(deps.config.WEB_DIST);
  const index = path.join(dist, 'index.html');
  if (deps.config.WEB_DIST && existsSync(index)) {
    // precompressed: the build's .br and .gz (scripts/precompress.ts) go out as they are.
    // Hashed names: a browser keeps them for a year. Set on the answer itself (a header set in
    // serveStatic's onFound comes after its answer is made, and was lost).
    app.use('/assets/*', async (c, next) => {
      await next();
      if (c.res.status === 200 || c.res.status === 206) c.res.headers.set('Cache-Control', 'public, max-age=31536000, immutable');
    });
    app.use('/assets/*', serveStatic({ root: dist, precompressed: true }));
    app.use('*', serveStatic({ root: dist, precompressed: true }));
    app.get('*', (c, next) => (c.req.path.startsWith('/api/') ? next() : c.html(readFileSync(index, 'utf8'))));
  } else {
    app.get('/', (c) => c.text('衡阳县政法综治态势 API is running. The web app is not built: run `npm run build`.\n'));
  }
  return app;
}
