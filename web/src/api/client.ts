import { hc } from 'hono/client';
import type { AppType } from '../../../api/app.ts';

/** The one typed client of the API: request and response types come from the routes. */
export const api = hc<AppType>(typeof window === 'undefined' ? 'http://localhost:8080' : window.location.origin);

/** Unwraps a response: JSON on success, an Error carrying the API's `{ error }` otherwise. */
export async function unwrap<T>(res: { ok: boolean; status: number; json(): Promise<T> }): Promise<T> {
  if (res.ok) return res.json();
  let message = `HTTP ${res.status}`;
  try {
    const body = (await res.json()) as unknown as { error?: { message?: string } };
    if (body.error?.message) message = body.error.message;
  } catch {
    // not JSON: keep the status line
  }
  throw new ApiError(res.status, message);
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}
