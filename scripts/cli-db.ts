import path from 'node:path';
import { type Config, loadConfig } from '../api/config.ts';
import { type Db, openDb } from '../api/db/index.ts';
import { readLock } from '../api/db/lock.ts';
import { migrate } from '../api/db/migrate.ts';

/**
 * Opens the database a CLI works on, saying which. The embedded PGlite can be opened only when
 * no server holds DATA_DIR (one process, one connection); then the CLI stops with a clear message.
 * `statementTimeoutMs`: for a CLI whose one statement may run longer than a request's limit.
 */
export async function openCliDb(config: Config = loadConfig(), opts: { statementTimeoutMs?: number } = {}): Promise<{ db: Db; where: string }> {
  if (config.DATABASE_URL) {
    const db = await openDb({ databaseUrl: config.DATABASE_URL, statementTimeoutMs: opts.statementTimeoutMs });
    await migrate(db);
    return { db, where: `PostgreSQL at ${redact(config.DATABASE_URL)}` };
  }
  const dir = path.resolve(config.DATA_DIR);
  const held = readLock(dir);
  if (held) {
    throw new Error(
      `the embedded database in ${dir} is held by the running server (pid ${held.pid}, port ${held.port}); ` +
        'stop the server first (PGlite allows one process), or set DATABASE_URL',
    );
  }
  const db = await openDb({ dataDir: dir, statementTimeoutMs: opts.statementTimeoutMs });
  await migrate(db);
  return { db, where: `embedded PGlite in ${dir} (no server running)` };
}

function redact(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
}
