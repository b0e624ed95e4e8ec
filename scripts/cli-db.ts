import path from 'node:path';
import { type Config, loadConfig } from '../api/config.ts';
import { type Db, openDb } from '../api/db/index.ts';
import { readLock } from '../api/db/lock.ts';
import { migrate } from '../api/db/migrate.ts';

/**
 * Opens the database a CLI works on, saying which. The embedded PGlite can be opened only when
 * no server holds DATA_DIR (one process, one connection); then the CLI stops with a clear message.
 */
export async function openCliDb(config: Config = loadConfig()): Promise<{ db: Db; where: string }> {
  if (config.DATABASE_URL) {
    const db = await openDb({ databaseUrl: config.DATABASE_URL });
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
  const db = await openDb({ dataDir: dir });
  await migrate(db);
  return { db, where: `embedded PGlite in ${dir} (no server running)` };
}

function redact(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
}

/**
 * `--name value` pairs from argv, unchecked.
 * @deprecated Use cliArgs (cli-args.ts): declared flags, an unknown one refused. Kept only until
 * bench-api.ts and briefing.ts move to it.
 */
export function flags(argv: string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (!a.startsWith('--')) throw new Error(`unexpected argument ${a}`);
    const [k, inline] = a.slice(2).split('=', 2) as [string, string | undefined];
    if (inline !== undefined) out.set(k, inline);
    else if (argv[i + 1] && !argv[i + 1]!.startsWith('--')) out.set(k, argv[++i]!);
    else out.set(k, 'true');
  }
  return out;
}
