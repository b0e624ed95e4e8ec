import { NoAnswerError } from '../../api/answer-deadline.ts';
import { ApiError } from '../../api/client.ts';

/**
 * Why the dashboard cannot get fresh data, as a township chief needs to hear it: their own
 * network (offline), the server not answering (unreachable), the server answering without its
 * database (503 db_unavailable), the server shedding load (503 busy / request_timeout), or any
 * other server failure. A 4xx is not an outage: it is about that one request (a period not
 * started, a township not theirs) and is shown where it was asked.
 */
export type OutageKind = 'offline' | 'unreachable' | 'database' | 'busy' | 'server';

/** When answers disagree the banner names the cause furthest from the server: a laptop off the network explains every 503 it can no longer see. */
const SEVERITY: Record<OutageKind, number> = { offline: 5, unreachable: 4, database: 3, busy: 2, server: 1 };

/** The outage an error means, or null when the error is not one (see OutageKind). */
export function outageKindOf(error: unknown): OutageKind | null {
  if (error instanceof ApiError) {
    if (error.status === 503) {
      if (error.code === 'db_unavailable') return 'database';
      if (error.code === 'busy' || error.code === 'request_timeout') return 'busy';
      // Our API names every 503; one without a code comes from a proxy whose upstream is gone.
      return error.code ? 'server' : 'unreachable';
    }
    if (error.status === 502 || error.status === 504) return 'unreachable';
    return error.status >= 500 ? 'server' : null;
  }
  // no answer by the deadline (a hung proxy or connection) is the server out of reach, as no answer at all
  if (error instanceof NoAnswerError) return 'unreachable';
  return isNetworkFailure(error) ? 'unreachable' : null;
}

/**
 * fetch's rejection when no answer came back at all: a TypeError worded by each browser
 * (Chromium "Failed to fetch", Firefox "NetworkError when attempting…", Safari "Load failed",
 * Node "fetch failed"). Other TypeErrors are bugs, not the network.
 */
export function isNetworkFailure(error: unknown): boolean {
  return error instanceof TypeError && /failed to fetch|fetch failed|networkerror|load failed/i.test(error.message);
}

/** What the banner needs to know about one active query. */
export interface QuerySnapshot {
  /** The last error, or the failure of a retry still in progress. */
  failure: unknown;
  fetching: boolean;
  /** Waiting for the browser to be online again (TanStack's networkMode 'online'). */
  paused: boolean;
}

export interface Outage {
  kind: OutageKind;
  /** HTTP status behind a 'server' outage, for the message. */
  status: number | null;
  /** Some request is on its way: the banner says 正在重试… instead of counting down. */
  retrying: boolean;
  /** The longest wait the server asked for (Retry-After), if any. */
  retryAfterSeconds: number | null;
}

/**
 * The outage now, from the previous one and the active queries. A query refetched without data
 * goes back to 'pending' and loses its error while it runs, so an outage only ends when nothing
 * is failing and nothing is still on its way: the banner does not blink off during a retry.
 */
export function nextOutage(prev: Outage | null, queries: readonly QuerySnapshot[], online: boolean): Outage | null {
  const retrying = queries.some((q) => q.fetching);
  const failing = queries.flatMap((q) => {
    const kind = outageKindOf(q.failure);
    return kind ? [{ kind, error: q.failure }] : [];
  });
  if (!online && (prev || failing.length > 0 || queries.some((q) => q.paused))) {
    return { kind: 'offline', status: null, retrying: false, retryAfterSeconds: null };
  }
  if (failing.length === 0) return prev && retrying ? { ...prev, retrying: true } : null;
  const worst = failing.reduce((a, b) => (SEVERITY[b.kind] > SEVERITY[a.kind] ? b : a));
  const waits = failing.map((f) => (f.error instanceof ApiError ? Number(f.error.body.retryAfterSeconds) : NaN)).filter(Number.isFinite);
  return {
    kind: worst.kind,
    status: worst.error instanceof ApiError ? worst.error.status : null,
    retrying,
    retryAfterSeconds: waits.length ? Math.max(...waits) : null,
  };
}

export function sameOutage(a: Outage | null, b: Outage | null): boolean {
  if (a === null || b === null) return a === b;
  return a.kind === b.kind && a.status === b.status && a.retrying === b.retrying && a.retryAfterSeconds === b.retryAfterSeconds;
}

/**
 * Seconds before the next automatic retry: 5, 10, 20, then every 30, so a long outage does not
 * have every laptop in the county knocking each second, and never sooner than the server asked.
 */
export function retryDelaySeconds(outage: Outage, attempt: number): number {
  return Math.max(outage.retryAfterSeconds ?? 0, Math.min(30, 5 * 2 ** attempt));
}
