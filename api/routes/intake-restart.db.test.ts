import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createApp } from '../app.ts';
import { type Db, openDb } from '../db/index.ts';
import { openPglite } from '../db/pglite.ts';
import { SYSTEM } from '../db/types.ts';
import { signIn } from '../test/sign-in.ts';
import { backend, testDb } from '../test/test-db.ts';

const KEY = `restart-${Date.now().toString(36)}`;
// Intake rows store their client id per township: `<id>@<township>` (api/queries/intake/client-id.ts).
const dirs: string[] = [];

afterAll(async () => {
  const { db } = await testDb();
  await db.write(SYSTEM, (h) => h.query(`DELETE FROM dispute WHERE split_part(client_id, '@', 1) = $1`, [KEY]));
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** A server process's database: opened, used, closed, and opened again as after a restart. */
async function persistentDb(): Promise<{ open: () => Promise<Db> }> {
  const t = await testDb();
  if (!t.dump) return { open: () => openDb({ databaseUrl: process.env.TEST_DATABASE_URL }) };
  const dir = mkdtempSync(path.join(tmpdir(), 'hy-restart-'));
  dirs.push(dir);
  const image = await t.dump();
  let first = true;
  return {
    open: async () => {
      const db = await openPglite(first ? { dataDir: dir, loadDataDir: image } : { dataDir: dir });
      first = false;
      return db;
    },
  };
}

describe(`idempotent intake across a restart (${backend})`, () => {
  it('answers a retry after the restart with the original id and creates nothing', async () => {
    const t = await testDb();
    const [v] = await t.db.read(SYSTEM, (h) =>
      h.query<{ lng: number; lat: number }>(`SELECT ST_X(label_point) AS lng, ST_Y(label_point) AS lat FROM village WHERE township_code = '430421110' ORDER BY code LIMIT 1`),
    );
    const body = JSON.stringify({ clientId: KEY, category: '劳资', channel: '综治中心', lng: v!.lng, lat: v!.lat, summary: '拖欠工资' });
    const post = async (db: Db) => {
      const res = await (await signIn(createApp({ ...t.deps, db }), 'demo-township')).request('/api/disputes', {
        method: 'POST',
        body,
        headers: { 'content-type': 'application/json' },
      });
      return { status: res.status, id: ((await res.json()) as { id: string }).id };
    };
    const store = await persistentDb();

    const before = await store.open();
    const first = await post(before);
    await before.close();

    const after = await store.open();
    try {
      const retry = await post(after);
      expect(first.status).toBe(201);
      expect(retry).toEqual({ status: 200, id: first.id });
      const rows = await after.read(SYSTEM, (h) => h.query<{ n: number }>(`SELECT count(*)::int AS n FROM dispute WHERE split_part(client_id, '@', 1) = $1`, [KEY]));
      expect(rows[0]!.n).toBe(1);
    } finally {
      await after.close();
    }
  }, 120_000);
});
