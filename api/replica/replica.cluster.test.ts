import { readFileSync } from 'node:fs';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * Two API servers, one PostgreSQL primary and its streaming replica, started by
 * `scripts/replica-cluster.sh start DIR` (CI: .ci/run). REPLICA_CLUSTER names DIR/env; the
 * `cluster` project of vitest.config.ts exists only when it is set. What N servers must agree on
 * within a second: a write through one is read through the other, by the writer and by others,
 * cached answers included, and it is on the replica; a closed session is closed on both.
 */
const env = Object.fromEntries(
  readFileSync(process.env.REPLICA_CLUSTER ?? '', 'utf8')
    .split('\n')
    .filter((l) => l.includes('='))
    .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
) as Record<'PRIMARY_URL' | 'REPLICA_URL' | 'API_A' | 'API_B' | 'CLUSTER_USER' | 'CLUSTER_PASSWORD', string>;

const RUN = `rc${Date.now().toString(36)}`;
/** "Within a second": how long the checks below may wait for the other server or the replica. */
const AGREE_MS = 1000;

interface Session {
  cookie: string;
  csrf: string;
}

async function signIn(api: string): Promise<Session> {
  const res = await fetch(`${api}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: env.CLUSTER_USER, password: env.CLUSTER_PASSWORD }),
  });
  expect(res.status, await res.clone().text()).toBe(200);
  const cookie = /hy_session=[^;]+/.exec(res.headers.get('set-cookie') ?? '')![0];
  return { cookie, csrf: ((await res.json()) as { csrfToken: string }).csrfToken };
}

const get = (api: string, s: Session, path: string, extraCookie = '') => fetch(`${api}${path}`, { headers: { cookie: [s.cookie, extraCookie].filter(Boolean).join('; ') } });

/** Asks until `ok` holds or AGREE_MS has passed; answers when (ms) the question that saw it was asked, or fails. */
async function within<T>(what: string, ask: () => Promise<T>, ok: (v: T) => boolean): Promise<number> {
  const t0 = performance.now();
  let last: T | undefined;
  // The last question may start just before the second is up (an answer takes time to compute).
  while (performance.now() - t0 < AGREE_MS) {
    const asked = performance.now() - t0;
    last = await ask();
    if (ok(last)) return asked;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`${what}: not within ${AGREE_MS} ms (last: ${JSON.stringify(last)?.slice(0, 200)})`);
}

let replica: pg.Client;
let a: Session;
let b: Session;
const summary = '/api/stats/summary?from=2026-01-01&to=2026-12-31';
const hazardsOf = async (res: Response) => ((await res.json()) as { current: { hazards: { reported: number } } }).current.hazards.reported;

beforeAll(async () => {
  replica = new pg.Client({ connectionString: env.REPLICA_URL });
  replica.on('error', () => {});
  await replica.connect();
  [a, b] = await Promise.all([signIn(env.API_A), signIn(env.API_B)]);
});

afterAll(async () => {
  await replica?.end();
  // The primary keeps the cluster's data; the test's hazards are marked by their client ids.
  const primary = new pg.Client({ connectionString: env.PRIMARY_URL });
  primary.on('error', () => {});
  await primary.connect();
  await primary.query('DELETE FROM hazard_deadline WHERE hazard_id IN (SELECT id FROM hazard WHERE client_id LIKE $1)', [`${RUN}%`]).catch(() => {});
  await primary.query('DELETE FROM status_change WHERE client_id LIKE $1 OR hazard_id IN (SELECT id FROM hazard WHERE client_id LIKE $1)', [`${RUN}%`]).catch(() => {});
  await primary.query('DELETE FROM hazard WHERE client_id LIKE $1', [`${RUN}%`]);
  await primary.end();
});

describe('two API servers on a primary and a streaming replica', () => {
  it('the replica is a hot standby streaming from the primary', async () => {
    const [{ recovering }] = (await replica.query('SELECT pg_is_in_recovery() AS recovering')).rows;
    expect(recovering).toBe(true);
  });

  it('a write through one server is on the replica and read through the other, cached answers included', async () => {
    // Both servers hold the summary in their answer cache (ANSWER_CACHE_MS is a minute here).
    const before = await hazardsOf(await get(env.API_B, b, summary));
    const cached = await get(env.API_B, b, summary);
    expect(cached.headers.get('x-answer-cache')).toBe('hit');
    expect(cached.headers.get('x-read-from')).toBeNull();
    await hazardsOf(cached);
    const fresh = await get(env.API_A, a, '/api/stats/ranking?level=village&limit=1');
    expect(fresh.headers.get('x-read-from')).toBe('replica');

    const [v] = (
      await replica.query<{ lng: number; lat: number }>(
        `SELECT ST_X(label_point) AS lng, ST_Y(label_point) AS lat FROM village WHERE township_code = '430421110' ORDER BY code LIMIT 1`,
      )
    ).rows;
    const posted = await fetch(`${env.API_A}/api/hazards`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: a.cookie, 'x-csrf-token': a.csrf },
      body: JSON.stringify({ clientId: `${RUN}-1`, category: '消防', severity: 2, lng: v!.lng, lat: v!.lat }),
    });
    expect(posted.status, await posted.clone().text()).toBe(201);
    const id = ((await posted.json()) as { id: string }).id;
    // The writer's next reads go to the primary, on this server and on the other (the cookie).
    const wrote = /hy_wrote=[^;]+/.exec(posted.headers.get('set-cookie') ?? '')?.[0];
    expect(wrote).toBeDefined();

    const onReplica = await within(
      'the hazard on the replica',
      async () => (await replica.query('SELECT 1 FROM hazard WHERE id = $1', [id])).rowCount,
      (n) => n === 1,
    );
    const mine = await get(env.API_B, a, `/api/hazards/${id}`, wrote);
    expect(mine.status).toBe(200);
    expect(mine.headers.get('x-read-from')).toBe('primary');
    // Another session on the other server: its cached summary is gone, and it counts the hazard.
    const seen = await within(
      'the other server’s summary',
      async () => hazardsOf(await get(env.API_B, b, summary)),
      (n) => n === before + 1,
    );
    const detail = await get(env.API_B, b, `/api/hazards/${id}`);
    expect(detail.status).toBe(200);
    console.log(`replica has the write after ${onReplica.toFixed(0)} ms; the other server's cached summary counts it after ${seen.toFixed(0)} ms`);
  });

  it('a session closed on one server is refused by the other within a second', async () => {
    const s = await signIn(env.API_A);
    expect((await get(env.API_B, s, '/api/auth/me')).status).toBe(200);
    const out = await fetch(`${env.API_A}/api/auth/logout`, { method: 'POST', headers: { cookie: s.cookie, 'x-csrf-token': s.csrf } });
    expect(out.status).toBeLessThan(300);
    await within(
      'the other server refusing the closed session',
      async () => (await get(env.API_B, s, '/api/auth/me')).status,
      (status) => status === 401,
    );
  });
});
