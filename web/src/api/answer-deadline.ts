/**
 * How long the page waits for an answer to a read before it gives up. The server answers every
 * request within REQUEST_TIMEOUT_MS (a 503 past it), but a proxy whose upstream hangs, or a
 * half-open connection, may never answer; a read that never ends is never retried either (TanStack
 * Query does not start a refetch while one is in flight), and the wall would show its last figures
 * as if they were current, with no banner. Past the deadline the read fails with NoAnswerError,
 * which the outage banner reads as "unreachable" and the query retries.
 */

/** Added to the server's own deadline: it answers 503 at its deadline, which must still arrive. */
export const ANSWER_MARGIN_MS = 10_000;

/**
 * The page's deadline for a server deadline: twice the server's, plus the margin. The clock starts
 * when the page asks, and a read may first wait in the browser for one of its few connections to
 * the server, each held by a request that the server itself bounds by its deadline.
 */
export function deadlineFor(serverTimeoutMs: number): number {
  return 2 * serverTimeoutMs + ANSWER_MARGIN_MS;
}

/** Until /api/config has said otherwise: for the server's default request deadline (20 s). */
export const DEFAULT_ANSWER_DEADLINE_MS = deadlineFor(20_000);

let deadlineMs = DEFAULT_ANSWER_DEADLINE_MS;

/** From /api/config (`requestTimeoutMs`, read at start-up by every page: main.tsx); ignored unless a positive number. */
export function setAnswerDeadline(serverTimeoutMs: unknown): void {
  if (typeof serverTimeoutMs === 'number' && Number.isFinite(serverTimeoutMs) && serverTimeoutMs > 0) deadlineMs = deadlineFor(serverTimeoutMs);
}

export function answerDeadlineMs(): number {
  return deadlineMs;
}

/** A read that got no answer (no response headers) within the deadline. */
export class NoAnswerError extends Error {
  constructor(readonly afterMs: number) {
    super(`no answer within ${Math.round(afterMs / 1000)} s`);
    this.name = 'NoAnswerError';
  }
}

/**
 * `fetch` that gives up when no response has arrived by the deadline. Only the wait for the
 * response is bounded, not the reading of its body (an export may take longer to download);
 * the caller's own signal still cancels both.
 */
export async function fetchWithDeadline(input: RequestInfo | URL, init: RequestInit, ms = deadlineMs): Promise<Response> {
  const ctl = new AbortController();
  const outer = init.signal;
  // kept for the body's reading too; the callers' signals (TanStack Query's) live one request each
  if (outer?.aborted) ctl.abort(outer.reason);
  else outer?.addEventListener('abort', () => ctl.abort(outer.reason), { once: true });
  let late = false;
  const timer = setTimeout(() => {
    late = true;
    ctl.abort();
  }, ms);
  try {
    return await globalThis.fetch(input, { ...init, signal: ctl.signal });
  } catch (e) {
    throw late ? new NoAnswerError(ms) : e;
  } finally {
    clearTimeout(timer);
  }
}
