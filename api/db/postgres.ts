import pg from 'pg';
import { listenOn } from './change-feed.ts';
import { readRoute } from './read-routing.ts';
import { checkNotAbandoned, RequestAbandonedError, requestSignal } from './request-signal.ts';
import { applyScope } from './scope.ts';
import type { Db, Handle, Scope } from './types.ts';
import { DbUnavailableError, DEFAULT_STATEMENT_TIMEOUT_MS } from './types.ts';

// Dates and timestamps stay strings: the queries format them in Asia/Shanghai themselves,
// and JS Date parsing of a bare `date` would shift it by the server's offset.
const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === 1082 || oid === 1114 || oid === 1184) return (v: string) => v;
    return pg.types.getTypeParser(oid, format);
  },
};

// 57014: the statement timeout cancelled a query; to the client that is a temporary outage too.
// 40P01: a deadlock, whose victim was rolled back whole (two multi-statement writers, such as two
// ledger imports, that upsert the same rollup rows in opposite orders): try again, as for 57014.
// 57P01-57P03 (admin shutdown, crash of another backend, cannot connect now) and the 08 class:
// the connection is gone. 53300: the server's connections are all taken (a new one is refused).
const UNAVAILABLE = new Set([
  '57014',
  '40P01',
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'ETIMEDOUT',
  'EPIPE',
  '57P01',
  '57P02',
  '57P03',
  '53300',
  '08000',
  '08001',
  '08003',
  '08006',
]);

function isUnavailable(err: unknown): boolean {
  const e = err as { code?: string; message?: string } | null;
  if (!e) return false;
  if (e.code && UNAVAILABLE.has(e.code)) return true;
  return /Connection terminated|connect ECONNREFUSED|timeout exceeded when trying to connect/i.test(e.message ?? '');
}

function translate(err: unknown): never {
  if (isUnavailable(err)) throw new DbUnavailableError('database unavailable', { cause: err });
  throw err;
}

export interface PostgresOptions {
  connectionString: string;
  /** A streaming replica for the reads of requests that may use one (read-routing.ts). */
  readConnectionString?: string;
  max?: number;
  statementTimeoutMs?: number;
}

/** A replica that failed is left alone this long; its reads go to the primary meanwhile. */
const REPLICA_RETRY_MS = 5000;

interface Server {
  pool: pg.Pool;
  /** Cancels a statement of this server's through a connection of its own. */
  cancel(pid: number): Promise<unknown>;
  end(): Promise<void>;
}

function server(connectionString: string, max: number, onIdleError: (err: Error) => void): Server {
  const pool = new pg.Pool({
    connectionString,
    max,
    // A busy pool is not an outage: wait for a free connection this long. An unreachable server
    // fails at once (ECONNREFUSED), so outages are still answered quickly.
    connectionTimeoutMillis: 10_000,
    types,
  });
  // An idle client losing its server must not crash the process; the next checkout reconnects.
  // It is also the first sign of an outage, before any request fails.
  pool.on('error', onIdleError);
  // Cancels go through a connection of their own: a full pool must not delay them.
  const control = new pg.Pool({ connectionString, max: 1, connectionTimeoutMillis: 5_000, idleTimeoutMillis: 10_000 });
  control.on('error', () => {});
  return {
    pool,
    cancel: (pid) => control.query('SELECT pg_cancel_backend($1)', [pid]).catch(() => {}),
    end: async () => {
      await Promise.all([pool.end(), control.end()]);
    },
  };
}

/** PostgreSQL + PostGIS through a `pg` Pool, and optionally a read replica through another. */
export async function openPostgres(opts: PostgresOptions): Promise<Db> {
  let down = false;
  const primary = server(opts.connectionString, opts.max ?? 10, () => {
    down = true;
  });
  let replicaDownUntil = 0;
  /** Reads go to the primary for a while; said once per spell, with why. */
  const replicaDown = (why: unknown) => {
    if (Date.now() >= replicaDownUntil)
      console.error(JSON.stringify({ level: 'warn', msg: 'read replica unavailable: reading from the primary', retryMs: REPLICA_RETRY_MS, err: String(why) }));
    replicaDownUntil = Date.now() + REPLICA_RETRY_MS;
  };
  const replica = opts.readConnectionString ? server(opts.readConnectionString, opts.max ?? 10, replicaDown) : null;

  /** A read transaction: on the replica when the request allows it and the replica is up, else the primary. */
  const read = async <T>(scope: Scope, fn: (h: Handle) => Promise<T>): Promise<T> => {
    const route = readRoute();
    if (!replica || !route?.replica || Date.now() < replicaDownUntil) {
      if (route) route.servedBy = 'primary';
      return run(primary, true, scope, fn);
    }
    try {
      const out = await run(replica, true, scope, fn);
      route.servedBy = 'replica';
      return out;
    } catch (err) {
      // 40001 on a hot standby: the statement was cancelled by a conflict with replay.
      if (!(err instanceof DbUnavailableError) && (err as { code?: string }).code !== '40001') throw err;
      // The replica is down or was cut off: this read, and the next few seconds' reads, go to the primary.
      replicaDown(err instanceof DbUnavailableError ? (err.cause ?? err) : err);
      route.servedBy = 'primary';
      return run(primary, true, scope, fn);
    }
  };

  const run = async <T>(target: Server, readOnly: boolean, scope: Scope, fn: (h: Handle) => Promise<T>): Promise<T> => {
    const onPrimary = target === primary;
    const signal = requestSignal();
    checkNotAbandoned(signal);
    const client = await target.pool.connect().catch(translate);
    // A checked-out client whose server dies between two queries emits 'error'; unheard, that
    // event ends the process. The query in flight, if any, fails too and is answered 503.
    let lost: unknown = null;
    const onError = (err: unknown) => {
      lost = err;
      if (onPrimary) down = true;
    };
    client.on('error', onError);
    // The client went away or the request passed its deadline: stop the statement now running.
    const pid = (client as unknown as { processID?: number }).processID;
    let abandoned = false;
    const onAbort = () => {
      abandoned = true;
      if (pid) void target.cancel(pid);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    let broken = false;
    try {
      await client.query(readOnly ? 'BEGIN READ ONLY' : 'BEGIN');
      const h: Handle = {
        async query<R>(sql: string, params: readonly unknown[] = []) {
          checkNotAbandoned(signal);
          const res = await client.query(sql, params as unknown[]);
          return res.rows as R[];
        },
        async exec(sql: string) {
          checkNotAbandoned(signal);
          await client.query(sql);
        },
      };
      await applyScope(h, scope, opts.statementTimeoutMs ?? DEFAULT_STATEMENT_TIMEOUT_MS);
      const out = await fn(h);
      await client.query('COMMIT');
      if (onPrimary) down = false;
      return out;
    } catch (err) {
      const cancelled = (err as { code?: string }).code === '57014';
      broken = lost !== null || (isUnavailable(err) && !cancelled);
      if (broken && onPrimary) down = true;
      // A cancelled statement leaves a healthy connection in an aborted transaction: roll it back.
      if (!broken) await client.query('ROLLBACK').catch(() => (broken = true));
      if (abandoned && (cancelled || err instanceof RequestAbandonedError)) throw new RequestAbandonedError();
      if (lost !== null && !isUnavailable(err)) throw new DbUnavailableError('database connection lost', { cause: lost });
      return translate(err);
    } finally {
      signal?.removeEventListener('abort', onAbort);
      client.off('error', onError);
      // A client that lost its server is destroyed, not returned to the pool; so is one whose
      // request was abandoned: its cancel goes out through the control connection, one at a time,
      // and may land after the work it meant to stop has ended. Returned to the pool, the
      // connection would by then run another request's statement, which the late cancel stopped
      // (a 503 for a request that did nothing wrong: seen when 100 load connections closed at once).
      // Its backend ends when the cancel lands and the socket is seen closed, so for a moment there
      // can be more backends than the pool's max: a burst of abandoned requests, not their number.
      client.release(broken || lost !== null || abandoned);
    }
  };

  return {
    kind: 'postgres',
    read,
    write: (scope, fn) => run(primary, false, scope, fn),
    async exec(sql) {
      await primary.pool.query(sql).catch(translate);
    },
    async ping() {
      await primary.pool.query('SELECT 1').then(
        () => {
          down = false;
        },
        (err) => {
          if (isUnavailable(err)) down = true;
          return translate(err);
        },
      );
    },
    available: () => !down,
    listen: (channel, onNotice, onGap) => listenOn(opts.connectionString, channel, onNotice, onGap),
    async close() {
      await Promise.all([primary.end(), replica?.end()]);
    },
  };
}
