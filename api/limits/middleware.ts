import type { IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { principalOf } from '../auth/middleware.ts';
import type { Config } from '../config.ts';
import { RequestAbandonedError, requestSignal, withRequestSignal } from '../db/request-signal.ts';
import { AppError } from '../errors.ts';
import { FairLimiter, LimiterBusyError } from './fair-limiter.ts';

/** Paths that must answer whatever else is going on: they take no slot and have no deadline of their own. */
const exempt = (path: string) => path === '/api/health' || path.startsWith('/api/health/');

const sizeText = (bytes: number) => (bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(0)} MiB` : `${Math.floor(bytes / 1024)} KiB`);

/** How long, and how much more, a refused upload is read and thrown away before its socket is cut. */
const LINGER_MS = 2000;
const LINGER_BYTES = 64 * 1024 * 1024;

/**
 * After a 413 the sender may still be uploading. Closing the socket while its bytes arrive makes
 * the kernel reset the connection, and the reset destroys the 413 if the client has not read it
 * yet (a fast uploader usually has not). So the socket is closed the way web servers do it (a
 * "lingering close"): the answer is sent and the write side shut, what still arrives is read and
 * thrown away for up to 2 s or 64 MiB, then the socket is cut.
 */
function lingeringClose(incoming: IncomingMessage | undefined): void {
  const socket = incoming?.socket as (Socket & { destroySoon?: () => void }) | undefined;
  if (!incoming || incoming.complete || !socket) return;
  let lingering = false;
  socket.destroySoon = function (this: Socket) {
    if (lingering) return;
    lingering = true;
    this.end();
    let read = 0;
    const cut = () => this.destroy();
    const timer = setTimeout(cut, LINGER_MS);
    timer.unref();
    this.once('close', () => clearTimeout(timer));
    this.on('data', (chunk: Buffer) => {
      read += chunk.length;
      if (read > LINGER_BYTES) cut();
    });
    this.resume();
  };
}

/**
 * Body size per endpoint, checked before anything reads the body (the Content-Length first, then
 * while streaming): sign-in a few KiB, other JSON endpoints JSON_BODY_MAX_BYTES; uploads have
 * their own limit (IMPORT_MAX_BYTES) on their routes. The rest of a refused body is never read.
 */
export function bodyLimits(config: Config): MiddlewareHandler {
  const limited = (maxSize: number, key: string) =>
    bodyLimit({
      maxSize,
      onError: (c) => {
        lingeringClose((c.env as { incoming?: IncomingMessage } | undefined)?.incoming);
        return c.json({ error: { code: 'payload_too_large', message: `request body larger than ${sizeText(maxSize)} (${key})`, limit: key, max: maxSize } }, 413);
      },
    });
  const auth = limited(config.AUTH_BODY_MAX_BYTES, 'AUTH_BODY_MAX_BYTES');
  const json = limited(config.JSON_BODY_MAX_BYTES, 'JSON_BODY_MAX_BYTES');
  return (c, next) => {
    const path = c.req.path;
    if (path.startsWith('/api/imports/')) return next();
    return (path.startsWith('/api/auth/') ? auth : json)(c, next);
  };
}

/**
 * Gives every API request a deadline and one abort signal (client gone or deadline passed) that
 * the database layer sees: past the deadline the answer is 503 and the request's database work
 * is cancelled (PostgreSQL) or stops at its next statement (embedded).
 */
export function requestDeadline(config: Config): MiddlewareHandler {
  return async (c, next) => {
    if (exempt(c.req.path)) return next();
    // Uploads are parsed first (IMPORT_PARSE_TIMEOUT_MS), then checked and written.
    const ms = config.REQUEST_TIMEOUT_MS + (c.req.path.startsWith('/api/imports/') ? config.IMPORT_PARSE_TIMEOUT_MS : 0);
    const ctl = new AbortController();
    const client = c.req.raw.signal;
    const onClientGone = () => ctl.abort(new RequestAbandonedError('the client went away'));
    client.addEventListener('abort', onClientGone, { once: true });
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        const err = new RequestAbandonedError(`the request took longer than ${ms / 1000} s and was stopped; try again shortly (REQUEST_TIMEOUT_MS)`);
        ctl.abort(err);
        reject(err);
      }, ms);
    });
    try {
      await Promise.race([withRequestSignal(ctl.signal, () => next()), deadline]);
    } finally {
      clearTimeout(timer);
      client.removeEventListener('abort', onClientGone);
    }
  };
}

/**
 * At most CONCURRENCY_TOTAL requests do database work at once, CONCURRENCY_PER_USER of one user;
 * the rest wait up to QUEUE_MAX_WAIT_MS (QUEUE_MAX_PER_USER of one user at most), then get 503
 * with Retry-After. Mounted after the answer cache, so cached and shared answers take no slot;
 * health and sign-in never wait here.
 */
export function fairConcurrency(limiter: FairLimiter): MiddlewareHandler {
  return async (c, next) => {
    const path = c.req.path;
    // A basemap package's tiles and assets are read from a file, never the database, and come dozens at a time.
    if (exempt(path) || path.startsWith('/api/auth/') || path.startsWith('/api/basemap/')) return next();
    const p = principalOf(c);
    const key = p.userId === null ? `cli` : `user:${p.userId}`;
    const signal = requestSignal();
    const release = await limiter.acquire(key, signal).catch((err: unknown) => {
      if (err instanceof LimiterBusyError) {
        const message = err.reason === 'queue_full' ? 'too many of your requests are waiting; try again shortly' : 'the server is busy; try again shortly';
        throw new AppError(503, 'busy', message, undefined, { retryAfterSeconds: 2 });
      }
      throw err;
    });
    // Past its deadline (or with its client gone) the request is answered and its database work
    // stops at the next statement: its slot is free then, even if the route is still stuck, e.g.
    // reading a body that trickles in.
    signal?.addEventListener('abort', release, { once: true });
    try {
      await next();
    } finally {
      signal?.removeEventListener('abort', release);
      release();
    }
  };
}

export function limiterFor(config: Config): FairLimiter {
  return new FairLimiter({
    total: config.CONCURRENCY_TOTAL,
    perUser: config.CONCURRENCY_PER_USER,
    maxWaitMs: config.QUEUE_MAX_WAIT_MS,
    maxQueuedPerUser: config.QUEUE_MAX_PER_USER,
  });
}
