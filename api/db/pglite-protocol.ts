/** Messages between the server and the embedded database's thread (pglite.worker.ts). */

export interface WorkerInit {
  dataDir?: string;
  /** A tarball from `dump()` to start an empty data folder from (tests). */
  loadDataDir?: Uint8Array<ArrayBuffer>;
  /** 16 bytes shared with the watchdog: a Float64 "busy since" at offset 0. */
  busy: SharedArrayBuffer;
}

export type Request =
  | { id: number; op: 'begin'; readOnly: boolean }
  | { id: number; op: 'query'; tx: number; sql: string; params: readonly unknown[]; watch: boolean }
  | { id: number; op: 'exec'; tx: number | null; sql: string; watch: boolean }
  | { id: number; op: 'end'; tx: number; commit: boolean }
  | { id: number; op: 'dump' }
  | { id: number; op: 'close' };

export type Reply = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: SerialisedError; fatal: boolean };

/** A database error as data: structured cloning keeps only an Error's message and name. */
export interface SerialisedError {
  name: string;
  message: string;
  fields: Record<string, string | number>;
}

export function serialiseError(err: unknown): SerialisedError {
  if (!(err instanceof Error)) return { name: 'Error', message: String(err), fields: {} };
  const fields: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(err)) if (typeof v === 'string' || typeof v === 'number') fields[k] = v;
  return { name: err.name, message: err.message, fields };
}

/** The error again, with PostgreSQL's fields (code, detail, constraint, ...) where they were. */
export function reviveError(e: SerialisedError): Error {
  const err = new Error(e.message);
  err.name = e.name;
  Object.assign(err, e.fields);
  return err;
}
