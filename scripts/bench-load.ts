/**
 * npm run bench:load [-- --connections 100 --duration 60 --timeout 10] [--mixed] [--cache-off] [--database-url URL | --postgres] [--data-dir DIR]
 * Load on the real server process: autocannon against GET /api/stats/summary, then GET /api/villages,
 * each on its own, signed in as a county user. --mixed: each connection cycles through the county and
 * every township, each for the default period and the running week, each township as its own chief
 * (25 chiefs on 25 scopes, not a room of screens on one view; PostgreSQL only); --cache-off: the server's answer cache off (ANSWER_CACHE_MS=0). Prints requests/s, errors (non-2xx + socket errors and
 * timeouts) and p50/p90/p99 latency; asserts nothing. Default: embedded PGlite in a temp DATA_DIR
 * (seeded on start; --data-dir reuses one). --database-url: that database as it is (seeded if empty;
 * a `bench-county` user is added if missing). Bare --postgres: a throwaway cluster.
 */
import { createRequire } from 'node:module';
import { createUser, findUser } from '../api/auth/users.ts';
import { isoWeek, isoWeekRange, shanghaiDate } from '../api/contract/calendar.ts';
import { openDb } from '../api/db/index.ts';
import { SYSTEM } from '../api/db/types.ts';
import { cliArgsOrExit } from './cli-args.ts';
import { ensureUser, rmDir, signIn, startServer, table, tempDir, throwawayCluster } from './fault-support.ts';

interface Hist {
  average: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
}
interface CannonResult {
  duration: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  latency: Hist;
  requests: Hist & { total: number };
  statusCodeStats: Record<string, { count: number }>;
}
// autocannon ships no types and @types/autocannon isn't a dependency: type the little we use here.
const autocannon = createRequire(import.meta.url)('autocannon') as (opts: {
  url: string;
  connections: number;
  duration: number;
  timeout: number;
  headers: Record<string, string>;
  /** Each connection sends these in turn, from the first again after the last. */
  requests: { method: string; path: string; headers: Record<string, string> }[];
}) => Promise<CannonResult>;

const USAGE =
  'usage: npm run bench:load [-- --connections 100 --duration 60 --timeout 10] [--endpoints /api/stats/summary,/api/villages] [--mixed] [--cache-off] [--database-url URL | --postgres] [--data-dir DIR]';
const { values: f } = cliArgsOrExit('bench:load', USAGE, {
  connections: { type: 'string', default: '100' },
  duration: { type: 'string', default: '60' },
  timeout: { type: 'string', default: '10' },
  endpoints: { type: 'string', default: '/api/stats/summary,/api/villages' },
  'database-url': { type: 'string' },
  postgres: { type: 'boolean' },
  'data-dir': { type: 'string' },
  mixed: { type: 'boolean' },
  'cache-off': { type: 'boolean' },
});
const CONNECTIONS = Number(f.connections);
const DURATION = Number(f.duration);
/** Seconds autocannon waits for an answer before counting a timeout (its default). */
const TIMEOUT = Number(f.timeout);
const ENDPOINTS = f.endpoints.split(',');

async function main() {
  const cluster = f.postgres ? await throwawayCluster() : null;
  const databaseUrl = f['database-url'] ?? cluster?.url ?? process.env.DATABASE_URL;
  const dataDir = f['data-dir'] ?? tempDir('hy-bench-');
  const server = await startServer({ dataDir, databaseUrl, env: f['cache-off'] ? { ANSWER_CACHE_MS: '0' } : {} });
  console.log(`database: ${databaseUrl ? 'postgres' : `pglite in ${dataDir}`}; server ready in ${(server.readyMs / 1000).toFixed(1)} s`);
  const session = databaseUrl
    ? await ensureUser(server.base, databaseUrl, { username: 'bench-county', password: 'bench-load-pass', role: 'county' })
    : await ensureUser(server.base, undefined, { username: 'demo-county', password: 'hengyang-demo', role: 'county' });

  if (f.mixed && !databaseUrl) throw new Error('--mixed signs in a chief per township (npm run user:add): give --database-url or --postgres');
  const variants: Variant[] = f.mixed ? await scopeVariants(server.base, databaseUrl!, session) : [{ query: '', cookie: session.cookie }];
  console.log(`${variants.length} scope and period variants per endpoint; answer cache ${f['cache-off'] ? 'off' : 'on'}`);
  const rows: string[][] = [];
  for (const ep of ENDPOINTS) {
    // Also waits out the previous run's backlog: requests autocannon gave up on are still queued in the server.
    const check = await session.get(ep, 300_000);
    if (check.status !== 200) throw new Error(`${ep}: HTTP ${check.status} ${JSON.stringify(check.body).slice(0, 200)}`);
    console.log(`${ep}: ${CONNECTIONS} connections for ${DURATION} s ...`);
    const join = ep.includes('?') ? '&' : '?';
    const requests = variants.map((v) => ({ method: 'GET', path: v.query ? `${ep}${join}${v.query}` : ep, headers: { cookie: v.cookie } }));
    const r = await autocannon({
      url: server.base + ep,
      connections: CONNECTIONS,
      duration: DURATION,
      timeout: TIMEOUT,
      headers: { cookie: session.cookie },
      requests,
    });
    const codes = Object.entries(r.statusCodeStats)
      .map(([c, s]) => `${c}:${s.count}`)
      .join(' ');
    rows.push([
      ep,
      (r.requests.total / r.duration).toFixed(1),
      String(r.requests.total),
      `${r.non2xx + r.errors} (non-2xx ${r.non2xx}, socket ${r.errors - r.timeouts}, timeouts ${r.timeouts})`,
      String(r.latency.p50),
      String(r.latency.p90),
      String(r.latency.p99),
      codes,
    ]);
  }
  await server.stop();
  if (f['data-dir'] === undefined) rmDir(dataDir);
  cluster?.done();

  console.log(`\n${CONNECTIONS} connections, ${DURATION} s per endpoint, ${databaseUrl ? 'postgres' : 'pglite'}; latency in ms\n`);
  for (const [ep, rps, total, errors, p50, p90, p99, codes] of rows) {
    console.log(`${ep}`);
    table([
      ['requests/s', rps!],
      ['requests', total!],
      ['errors', errors!],
      ['latency p50 / p90 / p99', `${p50} / ${p90} / ${p99}`],
      ['status codes', codes!],
    ]);
  }
}

type Session = Awaited<ReturnType<typeof ensureUser>>;
interface Variant {
  query: string;
  cookie: string;
}

/**
 * --mixed: the county (as the county user) and each township (as that township's chief, added on
 * the first run), each for the default period and the running week. One user per scope, as in the
 * field: one user's hundred connections would only meet the per-user queue (QUEUE_MAX_PER_USER).
 */
const PASSWORD = 'bench-load-pass';

async function scopeVariants(base: string, databaseUrl: string, county: Session): Promise<Variant[]> {
  const res = await county.get('/api/townships', 300_000);
  const codes = ((res.body as { features?: { properties?: { code?: string } }[] }).features ?? []).map((x) => x.properties?.code).filter((c): c is string => !!c);
  if (res.status !== 200 || codes.length === 0) throw new Error(`/api/townships: HTTP ${res.status}, no township codes to mix`);
  const today = shanghaiDate(new Date());
  const week = `from=${isoWeekRange(isoWeek(today))!.from}&to=${today}`;
  // the chiefs are added straight to the database before any sign-in: a sign-in that fails because the
  // user is not there yet counts against this address, and 25 of them would lock it
  const db = await openDb({ databaseUrl });
  const name = (code: string) => `bench-chief-${code}`;
  await db.write(SYSTEM, async (h) => {
    for (const code of codes) {
      if (await findUser(h, { username: name(code) })) continue;
      await createUser(h, { username: name(code), displayName: name(code), role: 'township', password: PASSWORD, townshipCode: code, officerId: null });
    }
  });
  await db.close();
  const scopes: Variant[] = [{ query: '', cookie: county.cookie }];
  for (const code of codes) {
    const chief = await signIn(base, name(code), PASSWORD);
    if (!chief) throw new Error(`cannot sign in as ${name(code)}`);
    scopes.push({ query: `township=${code}`, cookie: chief.cookie });
  }
  return scopes.flatMap((v) => [v, { query: v.query ? `${v.query}&${week}` : week, cookie: v.cookie }]);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
