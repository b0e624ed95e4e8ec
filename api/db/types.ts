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
 * Whose eyes a transaction sees through. Everything but `system` runs as the `hengyang_app` role,
 * where row-level security (migration 004) keeps out rows beyond the scope.
 * - `system`: the connection's own role (migrations, seeding, CLIs on the database): every row.
 * - `none`: signed-in bookkeeping before a user is known (sign-in, sessions): no township rows.
 * - `county`: every row (county leaders, the wall, admins).
 * - `township`: one township's rows; `villages`: an officer's own villages.
 */
export type Scope =
  | { kind: 'system' }
  | { kind: 'none' }
  | { kind: 'county' }
  | { kind: 'township'; township: string }
  | { kind: 'villages'; township: string; villages: readonly string[] };

export const SYSTEM: Scope = { kind: 'system' };

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
  /**
   * False from a sign of an outage (a lost connection, an unreachable server) until the next
   * transaction succeeds: caches must not answer for a database that may be down.
   */
  available(): boolean;
  /**
   * PostgreSQL only (the embedded database belongs to one process): calls `onNotice` with the
   * payload of every NOTIFY on `channel`, whichever connection's commit sent it, and `onGap`
   * whenever notices may have been missed (the listening connection was lost) and once it
   * listens again. `listening()` says whether it listens now. See change-feed.ts.
   */
  listen?(channel: string, onNotice: (payload: string) => void, onGap: () => void): Listener;
  close(): Promise<void>;
}

export interface Listener {
  listening(): boolean;
  stop(): Promise<void>;
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
