import { vi } from 'vitest';
import type { AuthUser } from './types.ts';

export interface Call {
  method: string;
  path: string;
  url: URL;
  headers: Headers;
  body: unknown;
}

type Handler = (call: Call) => Response | unknown;

export const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });

export const unauthenticated = () => json(401, { error: { code: 'unauthenticated', message: 'sign in' } });

export const session = (user: AuthUser, csrfToken = 'csrf-1') => ({ user, csrfToken });

/**
 * fetch replaced by a router over `METHOD /path`: a handler returns a Response, or a body
 * answered as 200 JSON. Unrouted calls are a 404. Every call is recorded with its headers and
 * parsed JSON body, so tests can check the CSRF header and what was posted.
 */
export function stubApi(routes: Record<string, Handler>) {
  const calls: Call[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
      const url = new URL(String(input), window.location.origin);
      const method = (init.method ?? 'GET').toUpperCase();
      const text = typeof init.body === 'string' ? init.body : null;
      const call: Call = { method, path: url.pathname, url, headers: new Headers(init.headers), body: text ? JSON.parse(text) : null };
      calls.push(call);
      const handler = routes[`${method} ${url.pathname}`];
      if (!handler) return json(404, { error: { code: 'not_found', message: `no route ${method} ${url.pathname}` } });
      const answer = handler(call);
      return answer instanceof Response ? answer : json(200, answer);
    }),
  );
  return calls;
}
