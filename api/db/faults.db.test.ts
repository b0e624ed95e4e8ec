import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { backend, type TestDb, testDb } from '../test/test-db.ts';
import { openPglite } from './pglite.ts';
import { openPostgres } from './postgres.ts';
import { RequestAbandonedError, withRequestSignal } from './request-signal.ts';
import { type Db, DbUnavailableError, SYSTEM } from './types.ts';

/**
 * Faults below the HTTP layer: a statement that will not end, a request abandoned mid-statement,
 * a database process killed under a request. Each is an error for that request (503 upstairs),
 * never a crash, and the next requests recover by themselves.
 */
let t: TestDb;
beforeAll(async () => {
  t = await testDb();
});

const COUNTY = { kind: 'county' } as const;
/** A statement that runs for many seconds on either database. */
const SLOW = backend === 'postgres' ? 'SELECT pg_sleep(20)' : 'SELECT count(*) FROM generate_series(1, 400000000)';

/**
 * Waits until a statement succeeds; `bornAfter` (PostgreSQL): on a connection opened after that
 * instant. After a backend is killed, a pooled connection the postmaster has not yet stopped can
 * still answer for a moment, just before crash recovery refuses every connection.
 */
async function untilAvailable(db: Db, withinMs: number, bornAfter?: Date): Promise<number> {
  const t0 = Date.now();
  for (;;) {
    try {
      const [row] = await db.read(SYSTEM, (h) =>
        h.query<{ fresh: boolean }>('SELECT $1::timestamptz IS NULL OR backend_start > $1::timestamptz AS fresh FROM pg_stat_activity WHERE pid = pg_backend_pid()', [
          bornAfter?.toISOString() ?? null,
        ]),
      );
      if (row && !row.fresh) throw new DbUnavailableError('a connection from before the fault');
      return Date.now() - t0;
    } catch (err) {
      if (!(err instanceof DbUnavailableError) || Date.now() - t0 > withinMs) throw err;
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}

/** Counts event-loop ticks of 50 ms while `p` runs: the server's thread must stay free. */
async function ticksDuring<T>(p: Promise<T>): Promise<{ result: PromiseSettledResult<T>; ticks: number; ms: number }> {
  let ticks = 0;
  const timer = setInterval(() => ticks++, 50);
  const t0 = Date.now();
  const [result] = await Promise.allSettled([p]);
  clearInterval(timer);
  return { result, ticks, ms: Date.now() - t0 };
}

describe(`database faults (${backend})`, () => {
  it('an abandoned request stops its database work: no further statement, and PostgreSQL cancels the running one', async () => {
    const ctl = new AbortController();
    let second = false;
    const work = withRequestSignal(ctl.signal, () =>
      t.db.read(COUNTY, async (h) => {
        await h.query(backend === 'postgres' ? SLOW : 'SELECT count(*) FROM generate_series(1, 5000000)');
        const rows = await h.query('SELECT 1');
        second = true;
        return rows;
      }),
    );
    setTimeout(() => ctl.abort(), 200);
    const { result, ms } = await ticksDuring(work);
    expect(result.status).toBe('rejected');
    expect((result as PromiseRejectedResult).reason).toBeInstanceOf(RequestAbandonedError);
    expect(second).toBe(false);
    if (backend === 'postgres') {
      expect(ms).toBeLessThan(3000);
      const left = await t.db.read(SYSTEM, (h) => h.query(`SELECT pid FROM pg_stat_activity WHERE query = $1`, [SLOW]));
      expect(left).toEqual([]);
    }
    await expect(untilAvailable(t.db, 1000)).resolves.toBeLessThan(1000);
  });

  it('a cancel sent for an abandoned request never reaches the next request on that connection: the connection is not reused', async () => {
    // one connection in the pool, so the next request would get the abandoned one's if it went back
    const one = backend === 'postgres' ? await openPostgres({ connectionString: process.env.TEST_DATABASE_URL!, max: 1 }) : t.db;
    const pid = 'SELECT pg_backend_pid() AS pid';
    try {
      const ctl = new AbortController();
      let first: number | undefined;
      const work = withRequestSignal(ctl.signal, () =>
        one.read(COUNTY, async (h) => {
          first = (await h.query<{ pid: number }>(pid))[0]!.pid;
          await h.query(backend === 'postgres' ? SLOW : 'SELECT count(*) FROM generate_series(1, 5000000)');
        }),
      );
      setTimeout(() => ctl.abort(), 200);
      await expect(work).rejects.toBeInstanceOf(RequestAbandonedError);
      const [next] = await one.read(COUNTY, (h) => h.query<{ pid: number }>(pid));
      expect(first).toBeDefined();
      // PGlite is one process: no connection to hand on, and no cancel that could arrive late
      if (backend === 'postgres') expect(next!.pid).not.toBe(first);
    } finally {
      if (one !== t.db) await one.close();
    }
  });

  it('a database process dying under a request is that request’s DbUnavailableError, and the next ones recover by themselves', async () => {
    if (backend === 'postgres') {
      // kill -9 of the backend: PostgreSQL restarts every backend (crash recovery), so every pooled
      // connection dies too; none of it may reach the process as an unhandled 'error'.
      const work = t.db.read(COUNTY, (h) => h.query(SLOW));
      let pid: number | undefined;
      for (let i = 0; i < 50 && !pid; i++) {
        await new Promise((r) => setTimeout(r, 100));
        const [row] = await t.db.read(SYSTEM, (h) => h.query<{ pid: number }>(`SELECT pid FROM pg_stat_activity WHERE query = $1`, [SLOW]));
        pid = row?.pid;
      }
      expect(pid).toBeDefined();
      // The throwaway cluster commits asynchronously (synchronous_commit=off, scripts/pg-cluster.sh):
      // crash recovery would lose the last commits of the files before this one (their cleanup),
      // bringing back rows they had deleted. One synchronous commit flushes the WAL up to here.
      await t.db.write(SYSTEM, async (h) => {
        await h.query('SET LOCAL synchronous_commit = on');
        await h.query('SELECT txid_current()');
      });
      // And a checkpoint: recovery then starts here. Without it, run first in a fresh cluster (the
      // seeded database's whole history in the WAL since the last checkpoint), recovery once in a
      // few runs came back without the last commits before the flush (the demo users: every later
      // file's sign-in failed).
      await t.db.exec('CHECKPOINT');
      const killedAt = new Date();
      process.kill(pid!, 'SIGKILL');
      await expect(work).rejects.toBeInstanceOf(DbUnavailableError);
      const recoveredMs = await untilAvailable(t.db, 20_000, killedAt);
      expect(recoveredMs).toBeLessThan(20_000);
      await new Promise((r) => setTimeout(r, 500)); // idle clients hear of it late: still no crash
      const [row] = await t.db.read(COUNTY, (h) => h.query<{ n: number }>('SELECT count(*)::int AS n FROM village'));
      expect(row!.n).toBe(491);
      return;
    }
    // The embedded database: a statement past the timeout stops its thread, which the server
    // does not wait for; the data folder is opened again and holds everything written before.
    const dir = mkdtempSync(path.join(tmpdir(), 'hengyang-fault-'));
    const db = await openPglite({ dataDir: dir, loadDataDir: await t.dump!(), statementTimeoutMs: 1000, watchdogIntervalMs: 100 });
    try {
      await db.write(SYSTEM, (h) => h.query(`INSERT INTO app_meta (key, value) VALUES ('fault-probe', '1'::jsonb)`));
      const { result, ticks, ms } = await ticksDuring(db.read(COUNTY, (h) => h.query(SLOW)));
      expect(result.status).toBe('rejected');
      expect((result as PromiseRejectedResult).reason).toBeInstanceOf(DbUnavailableError);
      expect(ms).toBeLessThan(3000);
      // The server's thread ran throughout (a tick every 50 ms, give or take).
      expect(ticks).toBeGreaterThan(ms / 50 / 2);
      expect(db.available()).toBe(false);
      expect(await untilAvailable(db, 30_000)).toBeLessThan(30_000);
      const rows = await db.read(COUNTY, (h) => h.query<{ n: number }>('SELECT count(*)::int AS n FROM village'));
      expect(rows[0]!.n).toBe(491);
      const probe = await db.read(SYSTEM, (h) => h.query(`SELECT value FROM app_meta WHERE key = 'fault-probe'`));
      expect(probe).toHaveLength(1);
      // The server's own work (migrations, seeding) is not watched: only requests are.
      await expect(db.read(SYSTEM, (h) => h.query('SELECT count(*)::int AS n FROM generate_series(1, 5000000)'))).resolves.toHaveLength(1);
    } finally {
      await db.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
