import { ensureDemoUsers } from '../auth/demo-users.ts';
import { FailureThrottle } from '../auth/throttle.ts';
import { type Config, loadConfig } from '../config.ts';
import { type Db, openDb } from '../db/index.ts';
import { migrate } from '../db/migrate.ts';
import { openPglite } from '../db/pglite.ts';
import { SYSTEM } from '../db/types.ts';
import type { Deps } from '../routes/deps.ts';
import { seedIfEmpty } from '../seed/seed.ts';

/**
 * The seeded database every `*.db.test.ts` file of a run shares (the db project runs one
 * worker without isolation, so this module, and its promise, is loaded once).
 * PGlite in memory by default; the PostgreSQL at TEST_DATABASE_URL when set — its public
 * schema is dropped and rebuilt, so point it at a throwaway database only.
 */
export interface TestDb {
  db: Db;
  /** The instant the data was generated up to; the app's clock is pinned to it. */
  now: Date;
  config: Config;
  deps: Deps;
  seedMs: number;
  /** The embedded database as a tarball, to start a second instance from (PGlite only). */
  dump?: () => Promise<Blob>;
}

export const TEST_SEED = 20240101;

let shared: Promise<TestDb> | undefined;

async function build(): Promise<TestDb> {
  const url = process.env.TEST_DATABASE_URL || undefined;
  const db: Db & { dump?: () => Promise<Blob> } = url ? await openDb({ databaseUrl: url }) : await openPglite();
  if (url) await db.exec('DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public;');
  await migrate(db);
  const now = new Date();
  const seeded = await seedIfEmpty(db, { seed: TEST_SEED, scale: 1, now });
  // One user per role (demo-county, demo-township of 界牌镇, ...), on both backends in tests.
  await ensureDemoUsers(db);
  // No answer cache: tests change the database directly and read the API at once. Every refusal
  // audited (no repeat window): tests count the entries their requests leave.
  const config = loadConfig({ LOG_REQUESTS: 'false', WEB_DIST: '', ANSWER_CACHE_MS: '0', AUDIT_REPEAT_WINDOW_MS: '0' });
  return { db, now, config, deps: { db, config, now: () => now, throttle: new FailureThrottle() }, seedMs: seeded.ms, dump: db.dump };
}

export function testDb(): Promise<TestDb> {
  shared ??= build();
  return shared;
}

export const backend = process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite';

/** Every township's code, in order: the scopes the tests that compare answers draw from. */
export async function townshipCodes(db: Db): Promise<string[]> {
  const rows = await db.read(SYSTEM, (h) => h.query<{ code: string }>('SELECT code FROM township ORDER BY code'));
  return rows.map((r) => r.code);
}
