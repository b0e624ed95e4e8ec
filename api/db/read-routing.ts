import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Which server a request's reads may go to, seen by the database layer without a parameter (as
 * the request's abort signal is, request-signal.ts). Only work run inside `withReplicaReads` may
 * read from the streaming replica (DATABASE_READ_URL): the read-only requests of a session that
 * has not written lately (api/routing/read-your-writes.ts). Everything else, authentication,
 * start-up, CLIs and every write, uses the primary.
 */
export interface ReadRoute {
  /** Reads of this request may go to the replica. */
  replica: boolean;
  /** Where its reads went, for the answer's X-Read-From header. */
  servedBy: 'primary' | 'replica' | null;
}

const current = new AsyncLocalStorage<ReadRoute>();

export function withReadRoute<T>(route: ReadRoute, fn: () => T): T {
  return current.run(route, fn);
}

export function readRoute(): ReadRoute | undefined {
  return current.getStore();
}
