/**
 * The one database interface. Only the files in this folder import a driver (`pg` or PGlite);
 * everything else talks to a `Db` and the `Handle`s it lends out.
 */

export type DbKind = 'pglite' | 'postgres';

/** Something SQL can be sent to: a per-request handle or a transaction. */
export interface Handle {
  /** Runs one statement with `$n` parameters and returns its rows. */
  query<T = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  /** Runs a multi-statement script without parameters (migrations, seeding DDL). */
  exec(sql: string): Promise<void>;
}

/**
 * Who a request is for. Today every request sees the whole county; a later issue adds
 * row-level security keyed on `townshipCode`, set per transaction inside `Db.read`/`Db.write`.
 */
export interface Scope {
  townshipCode?: string | null;
}

export interface Db {
  readonly kind: DbKind;
  /** Runs `fn` on one handle inside a read-only transaction: every read of a request goes through it. */
  read<T>(scope: Scope, fn: (h: Handle) => Promise<T>): Promise<T>;
  /** Runs `fn` inside a read-write transaction; rolls back if it throws. */
  write<T>(scope: Scope, fn: (h: Handle) => Promise<T>): Promise<T>;
  /** Runs a multi-statement script (migrations); no parameters. */
  exec(sql: string): Promise<void>;
  /** Cheap liveness check; throws `DbUnavailableError` when the database cannot be reached. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** Longest a statement may run unless the opener says otherwise. */
export const DEFAULT_STATEMENT_TIMEOUT_MS = 30_000;

/** The database is down or unreachable: the HTTP layer answers 503. */
export class DbUnavailableError extends Error {
  readonly code = 'db_unavailable';
  constructor(message = 'database unavailable', options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'DbUnavailableError';
  }
}
