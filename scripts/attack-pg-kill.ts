/**
 * Attack d (PostgreSQL only): the backend serving a request is killed with SIGKILL, as the OOM
 * killer or a crashing extension would. PostgreSQL then resets every connection and recovers; the
 * API must answer that request 503 (not hang, not 500, not exit) and serve again by itself within
 * seconds, without a restart. The backend is found in pg_stat_activity over a direct connection.
 */
import pg from 'pg';
import { type Outcome, timed } from './attack-http.ts';
import { ANSWER_LIMIT_MS, type Attack } from './attack-types.ts';
import { sleep } from './fault-support.ts';

/** After the kill, requests must succeed again within this long. */
const RECOVERY_LIMIT_MS = 5000;
const ATTEMPTS = 30;

const ACTIVE = `SELECT pid, left(regexp_replace(query, '\\s+', ' ', 'g'), 100) AS query FROM pg_stat_activity
  WHERE datname = current_database() AND state = 'active' AND backend_type = 'client backend'
    AND pid <> pg_backend_pid() AND query NOT LIKE '%postgis_lib_version%'`;

const day = (t: number) => new Date(t).toISOString().slice(0, 10);
/** Heavy reads with a period no other request asked for, so each reaches the database. */
const heavy = (i: number) => {
  const to = Date.now() - (400 + i) * 86400e3;
  const q = `from=${day(to - 364 * 86400e3)}&to=${day(to)}`;
  return i % 2 ? `/api/villages?${q}` : `/api/events?${q}`;
};

export const pgKillAttack: Attack = {
  name: 'pgkill',
  title: 'a PostgreSQL backend killed with SIGKILL while serving a request',
  pgOnly: true,
  async run({ base, county, pgUrl, serverAlive }) {
    const headers = { cookie: county.cookie };
    const watcher = new pg.Client({ connectionString: pgUrl });
    watcher.on('error', () => {
      /* PostgreSQL resets this connection too when it recovers */
    });
    await watcher.connect();
    let killed: { pid: number; query: string; at: number; outcome: Outcome } | null = null;
    const notes: string[] = [];
    for (let i = 0; i < ATTEMPTS && !killed; i++) {
      let answered = false;
      const request = timed(`GET ${heavy(i).split('?')[0]} (backend killed)`, base + heavy(i), { headers, timeoutMs: ANSWER_LIMIT_MS }).finally(() => (answered = true));
      let victim: { pid: number; query: string } | undefined;
      while (!answered && !victim) victim = (await watcher.query<{ pid: number; query: string }>(ACTIVE)).rows[0];
      if (victim) {
        process.kill(victim.pid, 'SIGKILL');
        const at = performance.now();
        killed = { ...victim, at, outcome: await request };
      } else await request;
    }
    await watcher.end().catch(() => {});
    if (!killed) return { outcomes: [], violations: [`no request's backend was caught active in ${ATTEMPTS} attempts`], notes };
    notes.push(`killed backend ${killed.pid} running: ${killed.query}`);
    notes.push(`that request: ${killed.outcome.status}${killed.outcome.code ? ` ${killed.outcome.code}` : ''} after ${killed.outcome.ms.toFixed(0)} ms`);

    // Recovery: fresh reads every 200 ms until one is answered 200.
    const after: Outcome[] = [];
    let recoveredMs: number | null = null;
    for (let n = 0; recoveredMs === null && performance.now() - killed.at < 30_000; n++) {
      const o = await timed(`summary after the kill #${n}`, `${base}/api/stats/summary?from=2025-01-01&to=${day(Date.now() - n * 86400e3)}`, { headers, timeoutMs: 5000 });
      after.push(o);
      if (o.status === 200) recoveredMs = performance.now() - killed.at;
      else await sleep(200);
    }
    const violations: string[] = [];
    if (killed.outcome.status !== 503) violations.push(`the request whose backend was killed: ${killed.outcome.status} after ${killed.outcome.ms.toFixed(0)} ms (expected 503)`);
    if (!serverAlive()) violations.push('the API process exited');
    if (recoveredMs === null || recoveredMs > RECOVERY_LIMIT_MS)
      violations.push(`requests succeed again ${recoveredMs === null ? 'never (30 s)' : `after ${recoveredMs.toFixed(0)} ms`} (limit ${RECOVERY_LIMIT_MS} ms)`);
    const fails = after.filter((o) => o.status !== 200 && o.status !== 503);
    if (fails.length) violations.push(`while recovering, answers other than 200/503: ${fails.map((o) => o.status).join(', ')}`);
    notes.push(
      `recovery: ${recoveredMs === null ? 'none within 30 s' : `first 200 ${recoveredMs.toFixed(0)} ms after the kill`}; meanwhile ${
        after
          .filter((o) => o.status !== 200)
          .map((o) => o.status)
          .join(', ') || 'nothing else'
      }`,
    );
    return { outcomes: [killed.outcome, ...after], violations, notes, healthMayFailFor: RECOVERY_LIMIT_MS };
  },
};
