import type { Db } from './types.ts';

export type { Db, DbKind, Handle, Listener, Scope } from './types.ts';
export { DbUnavailableError } from './types.ts';

export interface OpenDbOptions {
  /** PostgreSQL connection string; when absent the embedded PGlite is used. */
  databaseUrl?: string;
  /** A streaming replica of it for requests' reads (PostgreSQL only). */
  databaseReadUrl?: string;
  /** PGlite data folder; ignored for PostgreSQL. Omit for in-memory. */
  dataDir?: string;
  /** Statement timeout of every transaction. */
  statementTimeoutMs?: number;
}

/** Opens PostgreSQL when a URL is given, else the embedded PGlite. Drivers load lazily. */
export async function openDb(opts: OpenDbOptions): Promise<Db> {
  if (opts.databaseUrl) {
    const { openPostgres } = await import('./postgres.ts');
    return openPostgres({ connectionString: opts.databaseUrl, readConnectionString: opts.databaseReadUrl, statementTimeoutMs: opts.statementTimeoutMs });
  }
  const { openPglite } = await import('./pglite.ts');
  return openPglite({ dataDir: opts.dataDir, statementTimeoutMs: opts.statementTimeoutMs });
}
