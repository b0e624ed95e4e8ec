import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import type { Server } from 'node:http';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { serve } from '@hono/node-server';
import { answerClientErrors } from './client-error.ts';
import { loadConfig } from './config.ts';
import { openDb } from './db/index.ts';
import { acquireLock } from './db/lock.ts';
import { installFaultPolicy } from './process-faults.ts';
import { ensureWebBuild } from './web-build.ts';

const log = (msg: string, extra: Record<string, unknown> = {}) => console.log(JSON.stringify({ level: 'info', msg, ...extra }));

const USAGE = `usage: node --import tsx api/main.ts [--build]
  --build  build the web app first when its sources changed since the last build (npm start)
  settings come from the environment and .env (see .env.example)`;

/** The server's one flag; anything else is refused, so a mistyped flag is not silently ignored. */
function flags(): { build: boolean } {
  try {
    const { values } = parseArgs({ options: { build: { type: 'boolean', default: false }, help: { type: 'boolean', default: false } }, strict: true });
    if (values.help) {
      console.log(USAGE);
      process.exit(0);
    }
    return { build: values.build };
  } catch (e) {
    console.error(`${e instanceof Error ? e.message : String(e)}\n${USAGE}`);
    process.exit(2);
  }
}

async function main() {
  const args = flags();
  installFaultPolicy();
  const config = loadConfig();
  const now = () => (config.APP_NOW ? new Date(config.APP_NOW) : new Date());
  const embedded = !config.DATABASE_URL;
  const dataDir = path.resolve(config.DATA_DIR);

  let release = () => {};
  // Only the embedded database has a lock file to hand the token to local CLIs.
  const cliToken = embedded ? randomBytes(32).toString('base64url') : undefined;
  if (embedded) {
    mkdirSync(dataDir, { recursive: true });
    release = acquireLock(dataDir, config.PORT, cliToken);
  }
  const t0 = Date.now();
  // Three things at once, on different threads: the database opens in its own thread, the web app
  // is built (only when its sources changed, `--build`) in a child process, and the rest of the
  // server loads here. A restart takes little more than the database's own start.
  const rest = Promise.all([
    import('./db/migrate.ts'),
    import('./seed/seed.ts'),
    import('./auth/demo-users.ts'),
    import('./auth/throttle.ts'),
    import('./server.ts'),
    import('./replica/change-notices.ts'),
  ]);
  const webBuild = args.build && config.WEB_DIST ? ensureWebBuild(process.cwd(), path.resolve(config.WEB_DIST)) : Promise.resolve(null);
  // Awaited below; a failure before then must not count as unhandled.
  rest.catch(() => undefined);
  webBuild.catch(() => undefined);
  if (config.DATABASE_READ_URL && embedded) throw new Error('DATABASE_READ_URL needs DATABASE_URL: the embedded database has no replica');
  const db = await openDb({
    databaseUrl: config.DATABASE_URL,
    databaseReadUrl: config.DATABASE_READ_URL,
    dataDir: embedded ? dataDir : undefined,
    statementTimeoutMs: config.STATEMENT_TIMEOUT_MS,
  });
  log('database open', { db: db.kind, dataDir: embedded ? dataDir : undefined, replica: Boolean(config.DATABASE_READ_URL), ms: Date.now() - t0 });
  const [{ migrate }, { seedIfEmpty }, { ensureDemoUsers }, { FailureThrottle }, { createServerApp }, { changeNotices }] = await rest;

  const applied = await migrate(db);
  if (applied.length) log('migrations applied', { versions: applied });
  const seeded = await seedIfEmpty(db, { seed: config.SEED, scale: config.SEED_SCALE, now: now() });
  if (seeded.seeded) log('seeded synthetic operations data', { seed: config.SEED, scale: config.SEED_SCALE, ...seeded.counts, ms: seeded.ms });

  if (embedded) {
    const demo = await ensureDemoUsers(db);
    if (demo.length) log('created demo users (embedded demo database only; password in the README)', { users: demo });
  }

  const built = await webBuild;
  if (built) log(built.built ? 'web app built' : 'web app build is current', { ms: built.ms });
  // PostgreSQL: other servers' (and CLIs') changes clear this server's caches within moments.
  const changes = changeNotices(db);
  const app = createServerApp({ db, config, now, throttle: new FailureThrottle(), cliToken, changes });
  const server = serve({ fetch: app.fetch, port: config.PORT, hostname: config.HOST }, (info) =>
    log(`dashboard on http://${config.HOST === '0.0.0.0' || config.HOST === '::' ? 'localhost' : config.HOST}:${info.port}`, { db: db.kind, startupMs: Date.now() - t0 }),
  );
  answerClientErrors(server as unknown as Server);
  // Requests may wait in the concurrency queue and the embedded database answers one query at a
  // time; Node's 5 s keep-alive timer would reset connections whose next request comes later.
  (server as unknown as { keepAliveTimeout: number; headersTimeout: number }).keepAliveTimeout = 65_000;
  (server as unknown as { keepAliveTimeout: number; headersTimeout: number }).headersTimeout = 66_000;
  // A request whose body trickles in is cut once no answer could still be given for it.
  (server as unknown as { requestTimeout: number }).requestTimeout = config.REQUEST_TIMEOUT_MS + config.IMPORT_PARSE_TIMEOUT_MS + 10_000;

  const stop = async (signal: string) => {
    log('shutting down', { signal });
    server.close();
    await changes?.stop().catch(() => {});
    await db.close().catch(() => {});
    release();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((err) => {
  console.error(JSON.stringify({ level: 'fatal', msg: String(err instanceof Error ? err.message : err) }));
  process.exit(1);
});
