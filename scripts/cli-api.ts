import path from 'node:path';
import type { Config } from '../api/config.ts';
import type { Db } from '../api/db/index.ts';
import { readLock } from '../api/db/lock.ts';
import { openCliDb } from './cli-db.ts';

/**
 * Runs a CLI's write either through the running server's API (when a server holds the embedded
 * DATA_DIR: PGlite allows one process) or directly on the database, and says which it used.
 */
export async function viaServerOrDb<T>(config: Config, work: { api: (baseUrl: string, auth: Record<string, string>) => Promise<T>; db: (db: Db) => Promise<T> }): Promise<T> {
  const held = config.DATABASE_URL ? null : readLock(path.resolve(config.DATA_DIR));
  if (held) {
    const base = `http://127.0.0.1:${held.port}`;
    console.log(`using the running server's API at ${base} (it holds ${path.resolve(config.DATA_DIR)})`);
    // The server's per-start token from its lock file: whoever can read DATA_DIR may act as admin.
    if (!held.cliToken) throw new Error(`the server on port ${held.port} gave no CLI token in ${path.resolve(config.DATA_DIR)}/server.json; restart it`);
    return work.api(base, { Authorization: `Bearer ${held.cliToken}` });
  }
  const { db, where } = await openCliDb(config);
  console.log(`database: ${where}`);
  try {
    return await work.db(db);
  } finally {
    await db.close();
  }
}
