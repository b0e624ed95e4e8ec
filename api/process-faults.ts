/**
 * What the process does with an error nobody caught. A rejected promise that nobody awaited
 * changed no shared state: log it and keep serving. An uncaught exception may have left anything
 * half done, except the one kind we know: a database connection dropping under a client that had
 * no listener yet (a `pg` socket error, a backend killed). Those are logged and the server keeps
 * answering (the pool replaces the connection); anything else ends the process with a log line.
 */

const CONNECTION_FAULT = /Connection terminated|ECONNRESET|EPIPE|terminating connection|server closed the connection|57P0[123]/i;

export function isConnectionFault(err: unknown): boolean {
  const e = err as { code?: unknown; message?: unknown } | null;
  if (!e || typeof e !== 'object') return false;
  return CONNECTION_FAULT.test(`${String(e.code ?? '')} ${String(e.message ?? '')}`);
}

type Log = (entry: Record<string, unknown>) => void;
const stderr: Log = (entry) => console.error(JSON.stringify(entry));

export function installFaultPolicy(exit: (code: number) => void = (code) => process.exit(code), log: Log = stderr): void {
  process.on('unhandledRejection', (reason) => {
    log({ level: 'error', msg: 'unhandled rejection (kept serving)', err: String(reason) });
  });
  process.on('uncaughtException', (err) => {
    if (isConnectionFault(err)) {
      log({ level: 'error', msg: 'database connection fault (kept serving)', err: String(err) });
      return;
    }
    log({ level: 'fatal', msg: 'uncaught exception; stopping', err: String(err), stack: err instanceof Error ? err.stack : undefined });
    exit(1);
  });
}
