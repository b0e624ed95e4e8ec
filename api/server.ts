import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import type { Hono, MiddlewareHandler } from 'hono';
import { cors } from 'hono/cors';
import { createApp, type Deps } from './app.ts';
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
  // Off unless configured: the dashboard is served from the API's own origin.
  if (deps.config.CORS_ORIGINS.length) {
    const allowed = cors({
      origin: deps.config.CORS_ORIGINS,
      credentials: true,
      allowHeaders: ['Content-Type', 'X-CSRF-Token', 'Idempotency-Key'],
      allowMethods: ['GET', 'POST', 'PATCH', 'DELETE'],
    });
    middleware.push((c, next) => (c.req.path.startsWith('/api/') ? allowed(c, next) : next()));
  }
  const app = createApp(deps, middleware) as unknown as Hono;
  const dist = path.resolve(deps.config.WEB_DIST);
  const index = path.join(dist, 'index.html');
  if (deps.config.WEB_DIST && existsSync(index)) {
    app.use('/assets/*', serveStatic({ root: dist, onFound: (_p, c) => c.header('Cache-Control', 'public, max-age=31536000, immutable') }));
    app.use('*', serveStatic({ root: dist }));
    app.get('*', (c, next) => (c.req.path.startsWith('/api/') ? next() : c.html(readFileSync(index, 'utf8'))));
  } else {
    app.get('/', (c) => c.text('衡阳县政法综治态势 API is running. The web app is not built: run `npm run build`.\n'));
  }
  return app;
}
