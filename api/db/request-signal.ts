import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * The abort signal of the request being served, seen by the database layer without threading it
 * through every query function: it fires when the client goes away or the request passes its
 * deadline, and the request's database work then stops (PostgreSQL: the running statement is
 * cancelled; both: no further statement starts).
 */
const current = new AsyncLocalStorage<AbortSignal>();

export function withRequestSignal<T>(signal: AbortSignal, fn: () => T): T {
  return current.run(signal, fn);
}

export function requestSignal(): AbortSignal | undefined {
  return current.getStore();
}

/** The request's work was stopped (deadline or client gone): answered 503 if anyone still listens. */
export class RequestAbandonedError extends Error {
  readonly code = 'request_timeout';
  constructor(message = 'the request took too long and was stopped') {
    super(message);
    this.name = 'RequestAbandonedError';
  }
}

/** Throws RequestAbandonedError once the current request's signal has fired. */
export function checkNotAbandoned(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new RequestAbandonedError();
}

/** Runs `fn` outside any request: work a request starts but does not wait for (a background build). */
export function outsideRequest<T>(fn: () => T): T {
  return current.exit(fn);
}
