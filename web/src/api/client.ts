import { hc } from 'hono/client';
import type { AppType } from '../../../api/app.ts';
import { sessionFetch } from './session.ts';

/**
 * The one typed client of the API: request and response types come from the routes. Its fetch
 * carries the session (cookie, CSRF header on writes, 401 reported to the auth gate).
 */
export const api = hc<AppType>(typeof window === 'undefined' ? 'http://localhost:8080' : window.location.origin, { fetch: sessionFetch });

/** The API's error body: `{ error: { code, message, fields?, ...details } }`. */
export interface ApiErrorBody {
  code?: string;
  message?: string;
  fields?: Record<string, string>;
  [detail: string]: unknown;
}

/**
 * Unwraps a response: JSON on success, an Error carrying the API's `{ error }` otherwise. A wait
 * the API gave only as a `Retry-After` header (429, 503) is kept as `body.retryAfterSeconds`.
 */
export async function unwrap<T>(res: { ok: boolean; status: number; headers?: Headers; json(): Promise<T> }): Promise<T> {
  if (res.ok) return res.json();
  let message = `HTTP ${res.status}`;
  let body: ApiErrorBody = {};
  try {
    body = ((await res.json()) as unknown as { error?: ApiErrorBody }).error ?? {};
    if (body.message) message = body.message;
  } catch {
    // not JSON: keep the status line
  }
  const retryAfter = Number(res.headers?.get('retry-after') ?? NaN);
  if (body.retryAfterSeconds === undefined && Number.isFinite(retryAfter)) body = { ...body, retryAfterSeconds: retryAfter };
  throw new ApiError(res.status, message, body.code ?? null, body);
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    /** The API's machine-readable code (`invalid_credentials`, `forbidden`, ...), when it sent one. */
    readonly code: string | null = null,
    readonly body: ApiErrorBody = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}
