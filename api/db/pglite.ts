import { PGlite, type Transaction } from '@electric-sql/pglite';
import { postgis } from '@electric-sql/pglite-postgis';
import type { Db, Handle, Scope } from './types.ts';
import { DbUnavailableError } from './types.ts';
import { applyScope } from './scope.ts';
import { DEFAULT_STATEMENT_TIMEOUT_MS } from './types.ts';

export interface PgliteOptions {
  /** Folder the database persists in; omit for an in-memory database. */
  dataDir?: string;
  /** A tarball from `dumpPglite` to start from instead of an empty cluster (tests). */
  loadDataDir?: Blob | File;
  statementTimeoutMs?: number;
}

/** The embedded default: one in-process PostgreSQL with PostGIS, one connection. */
export async function openPglite(opts: PgliteOptions = {}): Promise<Db & { dump(): Promise<Blob> }> {
  const pg = await PGlite.create({
    dataDir: opts.dataDir,
    loadDataDir: opts.loadDataDir,
    extensions: { postgis },
  });
  await pg.exec('CREATE EXTENSION IF NOT EXISTS postgis');

  const wrap = (tx: Transaction | PGlite): Handle => ({
    async query<T>(sql: string, params: readonly unknown[] = []) {
      const res = await tx.query<T>(sql, params as unknown[]);
      return res.rows;
    },
    async exec(sql: string) {
      await tx.exec(sql);
    },
  });

  // A WASM abort (e.g. a GEOS crash) or a closed instance is an outage, not a bad request.
  const translate = (err: unknown): never => {
    if (pg.closed || err instanceof WebAssembly.RuntimeError) throw new DbUnavailableError('embedded database unavailable', { cause: err });
    throw err;
  };

  const run = <T>(scope: Scope, readOnly: boolean, fn: (h: Handle) => Promise<T>) =>
    pg
      .transaction(async (tx) => {
        if (readOnly) await tx.exec('SET TRANSACTION READ ONLY');
        const h = wrap(tx);
        await applyScope(h, scope, opts.statementTimeoutMs ?? DEFAULT_STATEMENT_TIMEOUT_MS);
        return fn(h);
      })
      .catch(translate);

  return {
    kind: 'pglite',
    read: (scope, fn) => run(scope, true, fn),
    write: (scope, fn) => run(scope, false, fn),
    async exec(sql) {
      await pg.exec(sql).catch(translate);
    },
    async ping() {
      await pg.query('SELECT 1').catch(translate);
    },
    available: () => !pg.closed,
    async close() {
      if (!pg.closed) await pg.close();
    },
    dump: () => pg.dumpDataDir('none'),
  };
}
