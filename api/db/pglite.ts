import type { Worker } from 'node:worker_threads';
import { spawnWorker } from '../workers/spawn.ts';
import { type Reply, type Request, reviveError } from './pglite-protocol.ts';
import { checkNotAbandoned, RequestAbandonedError, requestSignal } from './request-signal.ts';
import { applyScope } from './scope.ts';
import type { Db, Handle, Scope } from './types.ts';
import { DbUnavailableError, DEFAULT_STATEMENT_TIMEOUT_MS } from './types.ts';

export interface PgliteOptions {
  /** Folder the database persists in; omit for an in-memory database. */
  dataDir?: string;
  /** A tarball from `dump` to start from instead of an empty cluster (tests). */
  loadDataDir?: Blob | File;
  /**
   * Longest one statement of a request may run, and longest a request's transaction may stay
   * open: past it the database thread is stopped and started again (PGlite has no timer of its own).
   */
  statementTimeoutMs?: number;
  /** How often the watchdog looks (tests shorten it). */
  watchdogIntervalMs?: number;
}

type State = 'up' | 'restarting' | 'down' | 'closed';
type Body = Request extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never;

const log = (level: string, msg: string, extra: Record<string, unknown> = {}) => console.error(JSON.stringify({ level, msg, ...extra }));

/**
 * The embedded default: PostgreSQL with PostGIS as WASM, in its own thread (pglite.worker.ts), so
 * the server's thread keeps answering while a statement runs. A statement of a request running
 * past the timeout, or a crashed instance, stops that thread; an on-disk database is opened again
 * (a few seconds of 503s), an in-memory one stays down.
 */
export async function openPglite(opts: PgliteOptions = {}): Promise<Db & { dump(): Promise<Blob> }> {
  const timeoutMs = opts.statementTimeoutMs ?? DEFAULT_STATEMENT_TIMEOUT_MS;
  const busy = new SharedArrayBuffer(16);
  const busySince = new Float64Array(busy);
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: unknown) => void }>();
  let nextId = 1;
  let state: State = 'restarting';
  let worker!: Worker;

  const failAll = (why: string) => {
    for (const p of pending.values()) p.reject(new DbUnavailableError(why));
    pending.clear();
  };

  const start = (load?: Uint8Array<ArrayBuffer>): Promise<void> =>
    new Promise((resolve, reject) => {
      busySince[0] = 0;
      const w = spawnWorker(new URL('./pglite.worker.ts', import.meta.url), { dataDir: opts.dataDir, loadDataDir: load, busy });
      worker = w;
      w.on('message', (m: Reply | { ready: true }) => {
        if ('ready' in m) {
          state = 'up';
          return resolve();
        }
        const p = pending.get(m.id);
        if (!p) return;
        pending.delete(m.id);
        if (m.ok) return p.resolve(m.value);
        if (m.fatal) void restart('the embedded database crashed');
        p.reject(m.fatal ? new DbUnavailableError('embedded database unavailable', { cause: reviveError(m.error) }) : reviveError(m.error));
      });
      w.on('error', (err) => {
        log('error', 'embedded database thread failed', { err: String(err) });
        reject(err);
      });
      w.on('exit', () => {
        failAll('embedded database unavailable');
        if (worker !== w) return;
        if (state === 'up') void restart('the embedded database thread exited');
        reject(new DbUnavailableError('embedded database did not start'));
      });
    });

  /** Stops the thread (wherever it is, WASM included) and opens the data folder again. */
  const restart = async (why: string) => {
    if (state === 'closed' || state === 'restarting' || state === 'down') return;
    const persistent = Boolean(opts.dataDir);
    state = persistent ? 'restarting' : 'down';
    log('error', `${why}; ${persistent ? 'reopening it' : 'an in-memory database cannot be reopened'}`);
    const old = worker;
    failAll('embedded database restarting');
    await old.terminate();
    if (!persistent) return;
    const t0 = Date.now();
    try {
      await start();
      log('info', 'embedded database reopened', { ms: Date.now() - t0 });
    } catch (err) {
      state = 'down';
      log('fatal', 'embedded database could not be reopened', { err: String(err) });
    }
  };

  const watchdog = setInterval(() => {
    const since = busySince[0]!;
    if (state === 'up' && since > 0 && Date.now() - since > timeoutMs) {
      void restart(`a statement ran past ${timeoutMs} ms (STATEMENT_TIMEOUT_MS); the embedded database thread was stopped`);
    }
  }, opts.watchdogIntervalMs ?? 500);
  watchdog.unref();

  const call = (body: Body): Promise<unknown> => {
    if (state !== 'up') return Promise.reject(new DbUnavailableError(`embedded database ${state === 'restarting' ? 'restarting' : 'unavailable'}`));
    const id = nextId++;
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject });
      worker.postMessage({ ...body, id } as Request);
    });
  };

  await start(opts.loadDataDir ? new Uint8Array(await opts.loadDataDir.arrayBuffer()) : undefined);

  const run = async <T>(scope: Scope, readOnly: boolean, fn: (h: Handle) => Promise<T>): Promise<T> => {
    const signal = requestSignal();
    checkNotAbandoned(signal);
    // Requests are watched; the server's own work (migrations, seeding, CLIs) may take its time.
    const watch = scope.kind !== 'system';
    const tx = (await call({ op: 'begin', readOnly })) as number;
    let closed = false;
    // A request that keeps its transaction open keeps every other one waiting: end it in time.
    const expiry = watch ? setTimeout(() => void end(false).catch(() => {}), timeoutMs) : undefined;
    const end = async (commit: boolean) => {
      if (closed) return;
      closed = true;
      clearTimeout(expiry);
      await call({ op: 'end', tx, commit });
    };
    const guard = () => {
      if (closed) throw new RequestAbandonedError('the transaction was open too long and was rolled back');
      checkNotAbandoned(signal);
    };
    const h: Handle = {
      async query<R>(sql: string, params: readonly unknown[] = []) {
        guard();
        return (await call({ op: 'query', tx, sql, params, watch })) as R[];
      },
      async exec(sql: string) {
        guard();
        await call({ op: 'exec', tx, sql, watch });
      },
    };
    try {
      await applyScope(h, scope, timeoutMs);
      const out = await fn(h);
      guard();
      await end(true);
      return out;
    } catch (err) {
      await end(false).catch(() => {});
      throw err;
    }
  };

  return {
    kind: 'pglite',
    read: (scope, fn) => run(scope, true, fn),
    write: (scope, fn) => run(scope, false, fn),
    async exec(sql) {
      await call({ op: 'exec', tx: null, sql, watch: false });
    },
    async ping() {
      await run({ kind: 'system' }, true, (h) => h.query('SELECT 1'));
    },
    available: () => state === 'up',
    async close() {
      if (state === 'closed') return;
      clearInterval(watchdog);
      if (state === 'up') await call({ op: 'close' }).catch(() => {});
      state = 'closed';
      failAll('embedded database closed');
      await worker.terminate();
    },
    async dump() {
      return new Blob([(await call({ op: 'dump' })) as Uint8Array<ArrayBuffer>]);
    },
  };
}
