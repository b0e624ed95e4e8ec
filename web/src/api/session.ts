/**
 * The browser's side of the session (docs/auth-api.md): the cookie travels by itself; what the
 * page must add is the CSRF token on every non-GET request, and it must notice when the session
 * is gone. Every request of the web goes through `sessionFetch`, the typed client's included,
 * so neither can be forgotten in one place.
 */

import { fetchWithDeadline } from './answer-deadline.ts';

let csrfToken: string | null = null;

/** Set from the `csrfToken` of login, device and me; cleared on logout. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

export function getCsrfToken(): string | null {
  return csrfToken;
}

type Listener = () => void;
const unauthenticatedListeners = new Set<Listener>();

/** Called whenever an API answer says the session is gone (401); returns the unsubscribe. */
export function onUnauthenticated(listener: Listener): () => void {
  unauthenticatedListeners.add(listener);
  return () => unauthenticatedListeners.delete(listener);
}

/**
 * A 401 from these is an answer about the credentials just offered (or the probe of `me`, whose
 * 401 means a session cookie that has ended; without any cookie `me` answers 200
 * `{ user: null }`), not a session that expired under the user's feet: the sign-in code handles
 * them itself.
 */
const AUTH_PROBES = ['/api/auth/login', '/api/auth/device', '/api/auth/me', '/api/auth/logout'];

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function methodOf(input: RequestInfo | URL, init?: RequestInit): string {
  return (init?.method ?? (input instanceof Request ? input.method : 'GET')).toUpperCase();
}

function pathOf(input: RequestInfo | URL): string {
  const href = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
  return new URL(href, typeof window === 'undefined' ? 'http://localhost' : window.location.origin).pathname;
}

/** Headers of the request with the CSRF token added when the method changes something. */
export function withCsrf(method: string, headers: HeadersInit | undefined): Headers {
  const h = new Headers(headers);
  if (!SAFE_METHODS.has(method) && csrfToken && !h.has('X-CSRF-Token')) h.set('X-CSRF-Token', csrfToken);
  return h;
}

/**
 * `fetch` for the API: same-origin cookies, the CSRF header on writes, a deadline on reads, and a 401 reported to
 * whoever listens (the auth gate). The global fetch is looked up per call so tests can stub it.
 */
export async function sessionFetch(input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> {
  const method = methodOf(input, init);
  const baseHeaders = init.headers ?? (input instanceof Request ? input.headers : undefined);
  const request: RequestInit = { ...init, method, headers: withCsrf(method, baseHeaders), credentials: 'same-origin' };
  // reads are bounded (answer-deadline.ts); writes and uploads keep waiting, their retries are the user's
  const res = SAFE_METHODS.has(method) ? await fetchWithDeadline(input, request) : await globalThis.fetch(input, request);
  if (res.status === 401 && !AUTH_PROBES.includes(pathOf(input))) {
    for (const l of [...unauthenticatedListeners]) l();
  }
  return res;
}
