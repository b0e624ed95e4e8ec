/**
 * npm run bench:load [-- --connections 100 --duration 60 --timeout 10] [--endpoints /api/stats/summary,/api/villages] [--warmup 5] [--mixed] [--cache-off] [--database-url URL | --postgres] [--data-dir DIR]
 * Load on the real server process: autocannon against GET /api/stats/summary, then GET /api/villages,
 * each on its own, signed in as a county user. --mixed: each connection cycles through the county and
 * every township, each for the default period and the running week, each township as its own chief
 * (25 chiefs on 25 scopes, not a room of screens on one view; PostgreSQL only); --cache-off: the
 * server's answer cache off (ANSWER_CACHE_MS=0). Prints requests/s, errors (non-2xx + socket errors
 * and timeouts) and p50/p90/p99 latency; asserts nothing. Default: embedded PGlite in a temp DATA_DIR
 * (seeded on start; --data-dir reuses one), as its demo county user. --database-url: that database as
 * it is (seeded if empty), as `bench-county` (and the chiefs), added or reset with a password of the
 * run and disabled at its end. Bare --postgres: a throwaway cluster. --warmup: seconds of the same load
 * before the measured run, on connections of their own (0: none), printed apart: what is measured is a
 * server in service, not its first second (a cold server's pool, plans and code took a second of 300-600
 * ms answers, about 1% of a 60 s run, and set its p99).
 */
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { createUser, findUser, updateUser } from '../api/auth/users.ts';
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
  /** The warm-up's own figures, when there was one. */
  warmup?: CannonResult;
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
  requests: CannonRequest[];
  /** Load of the same kind before the run, not in its figures. */
  warmup?: { duration: number };
  /** Called with each connection's client as it is made. */
  setupClient?: (client: { setRequests(requests: CannonRequest[]): void }) => void;
}) => Promise<CannonResult>;
type CannonRequest = { method: string; path: string; headers: Record<string, string> };

const USAGE =
  'usage: npm run bench:load [-- --connections 100 --duration 60 --timeout 10] [--endpoints /api/stats/summary,/api/villages] [--warmup 5] [--mixed] [--cache-off] [--database-url URL | --postgres] [--data-dir DIR]';
const { values: f } = cliArgsOrExit('bench:load', USAGE, {
  connections: { type: 'string', default: '100' },
  duration: { type: 'string', default: '60' },
  warmup: { type: 'string', default: '5' },
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
const WARMUP = Number(f.warmup);
/** Seconds autocannon waits for an answer before counting a timeout (its default). */
const TIMEOUT = Number(f.timeout);
const ENDPOINTS = f.endpoints.split(',');
for (const [flag, n, least] of [
  ['connections', CONNECTIONS, 1],
  ['duration', DURATION, 1],
  ['warmup', WARMUP, 0],
  ['timeout', TIMEOUT, 1],
] as const) {
  if (!Number.isInteger(n) || n < least) {
    console.error(`bench:load: --${flag} must be a whole number, at least ${least}\n${USAGE}`);
    process.exit(2);
  }
}

async function main() {
  if (f.mixed && !f.postgres && !(f['database-url'] ?? process.env.DATABASE_URL)) {
    throw new Error('--mixed adds and signs in a chief per township in the database: give --database-url or --postgres');
  }
  const cluster = f.postgres ? await throwawayCluster() : null;
  const databaseUrl = f['database-url'] ?? cluster?.url ?? process.env.DATABASE_URL;
  const dataDir = f['data-dir'] ?? tempDir('hy-bench-');
  const server = await startServer({ dataDir, databaseUrl, env: f['cache-off'] ? { ANSWER_CACHE_MS: '0' } : {} });
  console.log(`database: ${databaseUrl ? 'postgres' : `pglite in ${dataDir}`}; server ready in ${(server.readyMs / 1000).toFixed(1)} s`);
  const rows: string[][] = [];
  let added: BenchUser[] = [];
  try {
    let variants: Variant[];
    if (databaseUrl) {
      // this run's users, with a password of this run, disabled again in `finally`
      const password = `bench-${randomBytes(18).toString('base64url')}`;
      added = await prepareBenchUsers(databaseUrl, password, !!f.mixed);
      variants = await signedInVariants(server.base, added, password, !!f.mixed);
    } else {
      const demo = await ensureUser(server.base, undefined, { username: 'demo-county', password: 'hengyang-demo', role: 'county' });
      variants = [{ query: '', cookie: demo.cookie }];
    }
    console.log(`${variants.length} scope and period variants per endpoint; answer cache ${f['cache-off'] ? 'off' : 'on'}`);
    for (const ep of ENDPOINTS) {
      // Also waits out the previous run's backlog: requests autocannon gave up on are still queued in the server.
      const check = await fetch(server.base + ep, { headers: { cookie: variants[0]!.cookie }, signal: AbortSignal.timeout(300_000) });
      if (check.status !== 200) throw new Error(`${ep}: HTTP ${check.status} ${(await check.text()).slice(0, 200)}\nthe server's last lines:\n${server.tail()}`);
      console.log(`${ep}: ${CONNECTIONS} connections for ${DURATION} s ...`);
      const join = ep.includes('?') ? '&' : '?';
      const requests = variants.map((v) => ({ method: 'GET', path: v.query ? `${ep}${join}${v.query}` : ep, headers: { cookie: v.cookie } }));
      // The k-th connection made starts at variant k mod n (the warm-up's first, the run's after them):
      // a hundred screens do not all ask for the county's view in the same millisecond, and a user's
      // connections spread over the cycle, as its few screens would. (All from the first, one user met
      // a hundred requests at once and 500-odd `busy` answers followed.) Each connection its own
      // copies: autocannon writes its built request onto the objects it is given.
      let made = 0;
      const setupClient = (client: { setRequests(r: CannonRequest[]): void }) => client.setRequests(rotate(requests, made++).map((r) => ({ ...r, headers: { ...r.headers } })));
      const warmup = WARMUP > 0 ? { warmup: { duration: WARMUP } } : {};
      const r = await autocannon({ url: server.base + ep, connections: CONNECTIONS, duration: DURATION, timeout: TIMEOUT, headers: {}, requests, setupClient, ...warmup });
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
        r.warmup ? warmupLine(r.warmup) : 'none',
      ]);
    }
  } finally {
    await server.stop();
    if (databaseUrl && added.length) await disableBenchUsers(databaseUrl, added);
    if (f['data-dir'] === undefined) rmDir(dataDir);
    cluster?.done();
  }

  console.log(`\n${CONNECTIONS} connections, ${DURATION} s per endpoint, ${databaseUrl ? 'postgres' : 'pglite'}; latency in ms\n`);
  for (const [ep, rps, total, errors, p50, p90, p99, codes, warm] of rows) {
    console.log(`${ep}`);
    table([
      ['requests/s', rps!],
      ['requests', total!],
      ['errors', errors!],
      ['latency p50 / p90 / p99', `${p50} / ${p90} / ${p99}`],
      ['status codes', codes!],
      ['warm-up (not above)', warm!],
    ]);
  }
}

/** A warm-up's figures on one line: its length, answers, errors and latency. */
function warmupLine(w: CannonResult): string {
  const errors = w.non2xx + w.errors;
  return `${w.duration.toFixed(0)} s, ${w.requests.total} requests, ${errors} errors, p50 / p99 ${w.latency.p50} / ${w.latency.p99}`;
}

/** `list` from its `k`-th item round to the one before it. */
function rotate<T>(list: readonly T[], k: number): T[] {
  const at = list.length ? k % list.length : 0;
  return [...list.slice(at), ...list.slice(0, at)];
}

interface Variant {
  query: string;
  cookie: string;
}

interface BenchUser {
  username: string;
  role: 'county' | 'township';
  township: string | null;
}

/**
 * The users of a run on PostgreSQL: `bench-county`, and with --mixed a chief per township
 * (`bench-chief-<code>`), each added or reset with this run's password and enabled. Straight in the
 * database, before any sign-in: a sign-in that fails because the user is not there yet counts
 * against this address, and 25 of them would lock it. A user of that name with another role or
 * township is not ours: the run stops rather than take it over.
 */
async function prepareBenchUsers(databaseUrl: string, password: string, mixed: boolean): Promise<BenchUser[]> {
  const db = await openDb({ databaseUrl });
  try {
    return await db.write(SYSTEM, async (h) => {
      const codes = mixed ? (await h.query<{ code: string }>('SELECT code FROM township ORDER BY code')).map((r) => r.code) : [];
      const users: BenchUser[] = [
        { username: 'bench-county', role: 'county', township: null },
        ...codes.map((code) => ({ username: `bench-chief-${code}`, role: 'township' as const, township: code })),
      ];
      for (const u of users) {
        const found = await findUser(h, { username: u.username });
        if (!found) {
          await createUser(h, { username: u.username, displayName: u.username, role: u.role, password, townshipCode: u.township, officerId: null });
        } else if (found.role !== u.role || found.townshipCode !== u.township) {
          throw new Error(`${u.username} exists as ${found.role} ${found.townshipCode ?? ''}: not a bench user; rename or remove it`);
        } else {
          await updateUser(h, found.id, { password, disabled: false });
        }
      }
      return users;
    });
  } finally {
    await db.close();
  }
}

/** The run's users disabled again (their sessions end with it): no account with a usable password stays behind. */
async function disableBenchUsers(databaseUrl: string, users: readonly BenchUser[]): Promise<void> {
  const db = await openDb({ databaseUrl });
  try {
    await db.write(SYSTEM, async (h) => {
      for (const u of users) {
        const found = await findUser(h, { username: u.username });
        if (found) await updateUser(h, found.id, { disabled: true });
      }
    });
  } finally {
    await db.close();
  }
}

/**
 * Each user's query strings: the county (default period and running week) for `bench-county`, each
 * township for its chief; without --mixed, only the county's default view. One user per scope, as in the field: one user's hundred
 * connections would only meet the per-user queue (QUEUE_MAX_PER_USER).
 */
async function signedInVariants(base: string, users: readonly BenchUser[], password: string, mixed: boolean): Promise<Variant[]> {
  const today = shanghaiDate(new Date());
  const week = `from=${isoWeekRange(isoWeek(today))!.from}&to=${today}`;
  const variants: Variant[] = [];
  for (const u of users) {
    const session = await signIn(base, u.username, password);
    if (!session) throw new Error(`cannot sign in as ${u.username}`);
    const scope = u.township ? `township=${u.township}&` : '';
    // the county's default view keeps no query at all: the plain endpoint, as the wall asks it
    variants.push({ query: scope.slice(0, -1), cookie: session.cookie }, { query: `${scope}${week}`, cookie: session.cookie });
  }
  return mixed ? variants : variants.slice(0, 1);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
