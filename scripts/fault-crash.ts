/**
 * npm run fault:crash [-- --count 400 --kill-after 150 --concurrency 8]
 *                     [--database-url URL | --postgres [URL]] [--data-dir DIR]
 * Crash test of idempotent intake: a burst of hazard/dispute/visit writes from an officer, kill -9 of
 * the server mid-burst, restart on the same data, then every acknowledged write must exist exactly
 * once, retries must answer the original id, and the unacknowledged ones must land exactly once when
 * retried. Default: embedded PGlite in a temp DATA_DIR. PostgreSQL: a throwaway database on the
 * server at --database-url / DATABASE_URL, or a throwaway cluster with a bare --postgres.
 * Prints figures; exits 1 on any lost or duplicated write.
 */

import { DISPUTE_CATEGORIES, DISPUTE_CHANNELS, HAZARD_CATEGORIES, VISIT_KINDS } from '../api/contract/enums.ts';
import { openDb } from '../api/db/index.ts';
import { SYSTEM } from '../api/db/types.ts';
import { cliArgsOrExit } from './cli-args.ts';
import { ensureUser, rmDir, type Session, startServer, table, tempDir, throwawayCluster, throwawayDatabase } from './fault-support.ts';

const USAGE = 'usage: npm run fault:crash [-- --count 400 --kill-after 150 --concurrency 8] [--database-url URL | --postgres [URL]] [--data-dir DIR]';
const {
  values: f,
  positionals,
  tokens,
} = cliArgsOrExit(
  'fault:crash',
  USAGE,
  {
    count: { type: 'string', default: '400' },
    'kill-after': { type: 'string', default: '150' },
    concurrency: { type: 'string', default: '8' },
    'database-url': { type: 'string' },
    postgres: { type: 'boolean' },
    'data-dir': { type: 'string' },
  },
  true,
);
/** `--postgres URL`: parseArgs has no optional values, so the URL is a positional that must come right after the flag. */
const postgresUrl = (() => {
  const at = tokens.findIndex((t) => t.kind === 'option' && t.name === 'postgres');
  const next = tokens[at + 1];
  const url = at >= 0 && next?.kind === 'positional' ? next.value : undefined;
  if (positionals.length > (url === undefined ? 0 : 1)) {
    console.error(`fault:crash: unexpected argument '${positionals.find((p) => p !== url)}'\n${USAGE}`);
    process.exit(2);
  }
  return url;
})();
const COUNT = Number(f.count);
const KILL_AFTER = Number(f['kill-after']);
const CONCURRENCY = Number(f.concurrency);
const RUN = `crash-${Date.now().toString(36)}`;
const TABLE = { hazard: 'hazard', dispute: 'dispute', visit: 'visit' } as const;
type Kind = keyof typeof TABLE;

interface Write {
  kind: Kind;
  clientId: string;
  body: Record<string, unknown>;
  /** Half the writes carry the key in the Idempotency-Key header, half in the body: both paths are tested. */
  viaHeader: boolean;
  sent?: boolean;
  ackId?: string;
  failure?: string;
}

const post = (s: Session, w: Write) =>
  s.request('POST', `/api/${w.kind}s`, w.viaHeader ? w.body : { ...w.body, clientId: w.clientId }, w.viaHeader ? { 'Idempotency-Key': w.clientId } : {});

async function database() {
  // --database-url URL or --postgres URL (or DATABASE_URL): a new database on that server; bare --postgres: a new cluster.
  const given = f['database-url'] ?? postgresUrl ?? (f.postgres ? undefined : process.env.DATABASE_URL);
  if (given) {
    const db = await throwawayDatabase(given, `hy_${RUN.replace('-', '_')}`);
    return { label: 'postgres (throwaway database)', url: db.url, done: db.drop };
  }
  if (f.postgres) {
    const c = await throwawayCluster();
    return { label: `postgres (throwaway cluster on port ${c.port})`, url: c.url, done: async () => c.done() };
  }
  return { label: 'pglite', url: undefined, done: async () => {} };
}

async function main() {
  if (!(KILL_AFTER > 0 && KILL_AFTER < COUNT)) throw new Error('--kill-after must be between 1 and --count');
  const target = await database();
  const dataDir = f['data-dir'] ?? tempDir('hy-crash-');
  const serverOpts = { dataDir, databaseUrl: target.url };
  console.log(`database: ${target.label}; DATA_DIR ${dataDir}; run ${RUN}`);
  let server = await startServer(serverOpts);
  const firstStartMs = server.readyMs;
  console.log(`first start (migrate + seed if empty): ${(firstStartMs / 1000).toFixed(1)} s`);

  // PGlite seeds demo-officer; PostgreSQL gets a user for one of 界牌镇's officers.
  const officerUser = async (base: string) => {
    if (!target.url) return ensureUser(base, undefined, { username: 'demo-officer', password: 'hengyang-demo', role: 'officer' });
    const db = await openDb({ databaseUrl: target.url });
    const [o] = await db.read(SYSTEM, (h) => h.query<{ id: string }>(`SELECT id FROM officer WHERE village_code LIKE '430421110%' ORDER BY id LIMIT 1`));
    await db.close();
    return ensureUser(base, target.url, { username: 'fault-officer', password: 'fault-crash-pass', role: 'officer', officer: o!.id });
  };
  let session = await officerUser(server.base);
  const villageCode: string = session.user.villageCodes[0];
  const detail = await session.get(`/api/villages/${villageCode}`);
  if (detail.status !== 200) throw new Error(`GET /api/villages/${villageCode}: ${detail.status} ${JSON.stringify(detail.body)}`);
  const [lng, lat] = detail.body.labelPoint as [number, number];
  const officerId: string = detail.body.officer.id;
  console.log(`officer ${session.user.username} (${officerId}), village ${villageCode} ${detail.body.name}, point ${lng},${lat}`);

  const visitedAt = new Date(Date.now() - 10 * 60_000).toISOString();
  const writes: Write[] = Array.from({ length: COUNT }, (_, i) => {
    const kind = (['hazard', 'dispute', 'visit'] as const)[i % 3]!;
    const note = `fault-crash ${RUN} #${i}`;
    const body =
      kind === 'hazard'
        ? { category: HAZARD_CATEGORIES[i % 8], severity: 1 + (i % 4), lng, lat, villageCode, description: note }
        : kind === 'dispute'
          ? { category: DISPUTE_CATEGORIES[i % 8], channel: DISPUTE_CHANNELS[i % 5], lng, lat, villageCode, summary: note }
          : { officerId, villageCode, kind: VISIT_KINDS[i % 4], visitedAt };
    return { kind, clientId: `${RUN}-${i}`, body, viaHeader: i % 2 === 1 };
  });

  // The burst: CONCURRENCY workers; the one that sees the KILL_AFTER-th acknowledgement kills the server.
  let next = 0;
  let acked = 0;
  let killedAt = 0;
  const worker = async () => {
    while (!killedAt && next < writes.length) {
      const w = writes[next++]!;
      w.sent = true;
      try {
        const a = await post(session, w);
        if (a.status === 200 || a.status === 201) {
          w.ackId = a.body.id;
          if (++acked >= KILL_AFTER && !killedAt) {
            killedAt = Date.now();
            server.kill9();
          }
        } else w.failure = `HTTP ${a.status} ${JSON.stringify(a.body).slice(0, 200)}`;
      } catch (e) {
        w.failure = String((e as { cause?: { code?: string } }).cause?.code ?? e);
      }
    }
  };
  const t0 = Date.now();
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  if (!killedAt) server.kill9();
  await server.exited;
  const sent = writes.filter((w) => w.sent);
  const rejected = sent.filter((w) => w.failure?.startsWith('HTTP'));
  const unacked = sent.filter((w) => !w.ackId);
  console.log(`burst: ${sent.length} sent in ${Date.now() - t0} ms, ${acked} acknowledged, killed -9 after ack #${KILL_AFTER}`);
  for (const w of rejected.slice(0, 5)) console.log(`  rejected ${w.clientId}: ${w.failure}`);

  server = await startServer(serverOpts);
  console.log(`restart: ready in ${(server.readyMs / 1000).toFixed(1)} s`);
  session = await officerUser(server.base);

  const lost: string[] = [];
  const dupes: string[] = [];
  // 1. Every acknowledged write is readable (visits have no GET by id: the village lists this quarter's).
  const visitIds = new Set(((await session.get(`/api/villages/${villageCode}`)).body.visitsThisQuarter as { id: string }[]).map((v) => v.id));
  for (const w of sent.filter((w) => w.ackId)) {
    const found = w.kind === 'visit' ? visitIds.has(w.ackId!) : (await session.get(`/api/${w.kind}s/${w.ackId}`)).body?.clientId === w.clientId;
    if (!found) lost.push(`${w.clientId} (${w.ackId}) not found`);
  }
  // 2. Re-sending an acknowledged write answers 200 with the original id (201 would mean it was gone).
  for (const w of sent.filter((w) => w.ackId)) {
    const a = await post(session, w);
    if (a.status !== 200 || a.body.id !== w.ackId) (a.status === 201 ? lost : dupes).push(`${w.clientId}: retry ${a.status} ${a.body.id ?? ''} != ${w.ackId}`);
  }
  // 3. The unacknowledged ones: 200 = it had committed before the crash, 201 = created now. Then once more: 200, same id.
  let committedUnacked = 0;
  let createdOnRetry = 0;
  for (const w of unacked) {
    const a = await post(session, w);
    if (a.status === 200) committedUnacked++;
    else if (a.status === 201) createdOnRetry++;
    else {
      lost.push(`${w.clientId}: retry of unacknowledged answered ${a.status} ${JSON.stringify(a.body).slice(0, 200)}`);
      continue;
    }
    const again = await post(session, w);
    if (again.status !== 200 || again.body.id !== a.body.id) dupes.push(`${w.clientId}: second retry ${again.status} ${again.body.id} != ${a.body.id}`);
  }
  await server.stop();

  // 4. Directly in the database: every sent clientId has exactly one row, and nothing else carries the run's prefix.
  const db = await openDb({ databaseUrl: target.url, dataDir: target.url ? undefined : dataDir });
  let rows = 0;
  for (const [kind, t] of Object.entries(TABLE)) {
    const counts = await db.read(SYSTEM, (h) =>
      h.query<{ client_id: string; n: number }>(`SELECT split_part(client_id, '@', 1) AS client_id, count(*)::int AS n FROM ${t} WHERE client_id LIKE $1 GROUP BY 1`, [`${RUN}-%`]),
    );
    const byId = new Map(counts.map((r) => [r.client_id, r.n]));
    rows += counts.reduce((s, r) => s + r.n, 0);
    for (const w of sent.filter((w) => w.kind === kind)) {
      const n = byId.get(w.clientId) ?? 0;
      if (n === 0) lost.push(`${w.clientId}: no ${t} row`);
      if (n > 1) dupes.push(`${w.clientId}: ${n} ${t} rows`);
    }
  }
  await db.close();

  console.log('');
  table([
    ['database', target.label],
    ['sent', sent.length],
    ['acknowledged', acked],
    ['rejected (non-2xx)', rejected.length],
    ['unacknowledged (in flight at kill)', unacked.length],
    ['  committed before the crash', committedUnacked],
    ['  created on retry', createdOnRetry],
    ['rows with the run prefix', `${rows} (expected ${sent.length})`],
    ['lost', lost.length],
    ['duplicates', dupes.length],
    ['first start', `${(firstStartMs / 1000).toFixed(1)} s`],
    ['restart time (spawn to healthy)', `${(server.readyMs / 1000).toFixed(1)} s`],
  ]);
  for (const m of [...lost, ...dupes].slice(0, 20)) console.log(`  ! ${m}`);
  const ok = lost.length === 0 && dupes.length === 0 && rejected.length === 0 && rows === sent.length;
  // A failed run keeps its data for a post-mortem (a throwaway cluster is still stopped on exit).
  if (ok) {
    await target.done();
    if (f['data-dir'] === undefined) rmDir(dataDir);
  }
  console.log(ok ? '\nOK: every acknowledged write survived exactly once' : `\nFAILED (data kept: DATA_DIR ${dataDir}${target.url ? `, database ${target.url}` : ''})`);
  process.exit(ok ? 0 : 1);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
