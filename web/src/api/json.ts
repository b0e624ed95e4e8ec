import { ApiError, type ApiErrorBody } from './client.ts';
import { sessionFetch } from './session.ts';

/**
 * JSON over the session for the endpoints the web calls by path rather than through the typed
 * client (sign-in and administration, whose shapes are fixed by docs/auth-api.md). Errors are
 * the same ApiError the typed client's `unwrap` throws, so one error view serves both.
 */
export async function requestJson<T>(method: 'GET' | 'POST' | 'PATCH' | 'DELETE', path: string, body?: unknown): Promise<T> {
  const res = await sessionFetch(path, {
    method,
    ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
  });
  if (res.ok) return (await res.json()) as T;
  let top: Record<string, unknown> = {};
  try {
    top = ((await res.json()) as Record<string, unknown> | null) ?? {};
  } catch {
    // not JSON: the status says it all
  }
  const error = (typeof top.error === 'object' && top.error !== null ? top.error : {}) as ApiErrorBody;
  // `retryAfterSeconds` may sit in the error, beside it, or only in the Retry-After header.
  const retry = error.retryAfterSeconds ?? top.retryAfterSeconds ?? (res.headers.get('retry-after') ? Number(res.headers.get('retry-after')) : undefined);
  const details: ApiErrorBody = { ...error, ...(retry !== undefined && Number.isFinite(Number(retry)) ? { retryAfterSeconds: Number(retry) } : {}) };
  throw new ApiError(res.status, error.message ?? `HTTP ${res.status}`, error.code ?? null, details);
}
