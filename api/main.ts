import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { serve } from '@hono/node-server';
import { loadConfig } from './config.ts';
import { openDb } from './db/index.ts';
import { acquireLock } from './db/lock.ts';
import { migrate } from './db/migrate.ts';
import { seedIfEmpty } from './seed/seed.ts';
import { randomBytes } from 'node:crypto';
import { ensureDemoUsers } from './auth/demo-users.ts';
import { FailureThrottle } from './auth/throttle.ts';
import { createServerApp } from './server.ts';
import { installFaultPolicy } from './process-faults.ts';

const log = (msg: string, extra: Record<string, unknown> = {}) =>
  console.log(JSON.stringify({ level: 'info', msg, ...extra }));

async function main() {
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
  const db = await openDb({ databaseUrl: config.DATABASE_URL, dataDir: embedded ? dataDir : undefined, statementTimeoutMs: config.STATEMENT_TIMEOUT_MS });
  log('database open', { db: db.kind, dataDir: embedded ? dataDir : undefined, ms: Date.now() - t0 });

  const applied = await migrate(db);
  if (applied.length) log('migrations applied', { versions: applied });
  const seeded = await seedIfEmpty(db, { seed: config.SEED, scale: config.SEED_SCALE, now: now() });
  if (seeded.seeded) log('seeded synthetic operations data', { seed: config.SEED, scale: config.SEED_SCALE, ...seeded.counts, ms: seeded.ms });

  if (embedded) {
    const demo = await ensureDemoUsers(db);
    if (demo.length) log('created demo users (embedded demo database only; password in the README)', { users: demo });
  }

  const app = createServerApp({ db, config, now, throttle: new FailureThrottle(), cliToken });
  const server = serve({ fetch: app.fetch, port: config.PORT, hostname: config.HOST }, (info) =>
    log(`dashboard on http://localhost:${info.port}`, { db: db.kind, startupMs: Date.now() - t0 }),
  );
  // The embedded database answers one query at a time and can hold the event loop for seconds
  // under load; Node's 5 s keep-alive timer would then reset connections whose requests wait.
  (server as unknown as { keepAliveTimeout: number; headersTimeout: number }).keepAliveTimeout = 65_000;
  (server as unknown as { keepAliveTimeout: number; headersTimeout: number }).headersTimeout = 66_000;

  const stop = async (signal: string) => {
    log('shutting down', { signal });
    server.close();
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
