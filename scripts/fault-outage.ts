/**
 * npm run fault:outage [-- --pg-dir DIR --pg-port N --outage 5 --max-recovery-ms 5000 --max-answer-ms 5000]
 * PostgreSQL outage: the API on a throwaway cluster (or the one in --pg-dir), a county user signed
 * in, then PostgreSQL is stopped (pg_ctl -m fast) while /api/health, /api/stats/summary, /api/villages?silent=true and a
 * village and an event tile (the villages' counts) at 界牌镇 are polled
 * every 200 ms. During the outage every answer must be a prompt 503 `db_unavailable` (no hang, no 500,
 * no crash); after PostgreSQL starts again, each must answer 200 within --max-recovery-ms of it
 * accepting connections (pg_isready). Prints figures; exits 1 on failure. Stops everything at the end.
 */
import { cliArgsOrExit } from './cli-args.ts';
import { ensureUser, freePort, pct, pgCluster, pgClusterAsync, pgIsReady, rmDir, sleep, startServer, stopOnExit, table, tempDir } from './fault-support.ts';

const USAGE = 'usage: npm run fault:outage [-- --pg-dir DIR --pg-port N --outage 5 --max-recovery-ms 5000 --max-answer-ms 5000]';
const { values: f } = cliArgsOrExit('fault:outage', USAGE, {
  'pg-dir': { type: 'string' },
  'pg-port': { type: 'string' },
  outage: { type: 'string', default: '5' },
  'max-recovery-ms': { type: 'string', default: '5000' },
  'max-answer-ms': { type: 'string', default: '5000' },
});
const OUTAGE_MS = Number(f.outage) * 1000;
const MAX_RECOVERY_MS = Number(f['max-recovery-ms']);
const MAX_ANSWER_MS = Number(f['max-answer-ms']);
// the summary (scope_totals) and the silent villages (the map's county hatch): reads changed by migration 014 and silent=true;
// the tiles a large map draws (the z12 tile at 界牌镇's seat: a few townships' calls, the rollups' counts)
const ENDPOINTS = ['/api/health', '/api/stats/summary', '/api/villages?silent=true', '/api/tiles/villages/12/3326/1729.mvt', '/api/tiles/events/12/3326/1729.mvt'];

interface Sample {
  ep: string;
  sentAt: number;
  doneAt: number;
  status: number;
  code?: string;
  error?: string;
}

async function main() {
  const ownDir = f['pg-dir'] === undefined;
  const dir = f['pg-dir'] ?? tempDir('hy-pg-outage-');
  const port = Number(f['pg-port'] ?? (await freePort()));
  const url = pgCluster('start', dir, port);
  stopOnExit(dir);
  const dataDir = tempDir('hy-outage-');
  console.log(`PostgreSQL ${url} (cluster ${dir})`);
  const server = await startServer({ dataDir, databaseUrl: url });
  console.log(`API ready in ${(server.readyMs / 1000).toFixed(1)} s (migrate + seed if empty)`);
  const session = await ensureUser(server.base, url, { username: 'fault-county', password: 'fault-outage-pass', role: 'county' });
  for (const ep of ENDPOINTS) {
    const a = await session.get(ep);
    if (a.status !== 200) throw new Error(`baseline ${ep}: ${a.status} ${JSON.stringify(a.body)}`);
  }

  // Fire every 200 ms without waiting for the previous answer, so a hanging request shows as a long one, not as fewer samples.
  const samples: Sample[] = [];
  const pending = new Set<Promise<void>>();
  const fire = (ep: string) => {
    const sentAt = Date.now();
    const p = session
      .get(ep, 20_000)
      .then((a) => void samples.push({ ep, sentAt, doneAt: Date.now(), status: a.status, code: a.body?.error?.code }))
      .catch((e) => void samples.push({ ep, sentAt, doneAt: Date.now(), status: 0, error: String((e as { cause?: { code?: string } }).cause?.code ?? e) }))
      .finally(() => pending.delete(p));
    pending.add(p);
  };
  const timer = setInterval(() => ENDPOINTS.forEach(fire), 200);

  await sleep(1000);
  const stopBegin = Date.now();
  await pgClusterAsync('stop', dir);
  const stopped = Date.now();
  await sleep(OUTAGE_MS);
  const startBegin = Date.now();
  const started = pgClusterAsync('start', dir, port);
  let ready = 0;
  while (!ready && Date.now() - startBegin < 60_000) {
    if (await pgIsReady(port)) ready = Date.now();
    else await sleep(25);
  }
  const first200 = new Map<string, number>();
  while (first200.size < ENDPOINTS.length && Date.now() - startBegin < 60_000) {
    for (const s of samples) if (s.status === 200 && s.sentAt >= startBegin && !first200.has(s.ep)) first200.set(s.ep, s.doneAt);
    await sleep(20);
  }
  clearInterval(timer);
  await Promise.all(pending);
  await started;
  const alive = server.alive();

  const failures: string[] = [];
  if (!ready) failures.push('PostgreSQL did not accept connections within 60 s of starting');
  if (!alive) failures.push(`the API process died:\n${server.tail()}`);
  // Sent while PostgreSQL was fully down: must be a prompt 503 db_unavailable.
  const outage = samples.filter((s) => s.sentAt >= stopped && s.sentAt < startBegin);
  for (const s of outage) {
    if (s.status !== 503 || s.code !== 'db_unavailable') failures.push(`${s.ep} during the outage: ${s.status || s.error} ${s.code ?? ''}`);
    else if (s.doneAt - s.sentAt > MAX_ANSWER_MS) failures.push(`${s.ep} during the outage took ${s.doneAt - s.sentAt} ms`);
  }
  // At any time: only 200 or 503, never a 500 or a dropped connection.
  for (const s of samples) if (s.status !== 200 && s.status !== 503) failures.push(`${s.ep} at +${s.sentAt - stopBegin} ms: ${s.status || s.error}`);
  const recovery = ENDPOINTS.map((ep) => (first200.has(ep) && ready ? first200.get(ep)! - ready : NaN));
  ENDPOINTS.forEach((ep, i) => {
    if (!(recovery[i]! <= MAX_RECOVERY_MS))
      failures.push(`${ep}: first 200 ${Number.isNaN(recovery[i]) ? 'never came' : `${recovery[i]} ms after pg_isready`} (limit ${MAX_RECOVERY_MS} ms)`);
  });

  await server.stop();
  pgCluster('stop', dir);
  if (ownDir) rmDir(dir);
  rmDir(dataDir);

  console.log('');
  const ms = (xs: number[]) => `p50 ${pct(xs, 50).toFixed(0)} ms, max ${Math.max(...xs).toFixed(0)} ms`;
  table([
    ['pg_ctl stop -m fast took', `${stopped - stopBegin} ms`],
    ['outage (stopped to start command)', `${startBegin - stopped} ms`],
    ['start command to pg_isready', ready ? `${ready - startBegin} ms` : 'never'],
    ...ENDPOINTS.flatMap((ep, i): [string, string][] => {
      const out = outage.filter((s) => s.ep === ep);
      const ok = out.filter((s) => s.status === 503 && s.code === 'db_unavailable').length;
      return [
        [`${ep}: outage answers`, `${out.length} (${ok} x 503 db_unavailable), ${out.length ? ms(out.map((s) => s.doneAt - s.sentAt)) : '-'}`],
        [`${ep}: pg_isready to first 200`, Number.isNaN(recovery[i]) ? 'never' : `${recovery[i]} ms`],
      ];
    }),
    ['samples in all', samples.length],
    ['API process alive throughout', alive ? 'yes' : 'NO'],
  ]);
  for (const m of [...new Set(failures)].slice(0, 20)) console.log(`  ! ${m}`);
  console.log(failures.length ? '\nFAILED' : '\nOK: prompt 503s during the outage, recovery within the limit');
  process.exit(failures.length ? 1 : 0);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
