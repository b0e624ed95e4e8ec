/**
 * Plumbing shared by the fault and load scripts (fault:crash, fault:outage, bench:load): start the
 * real server as a child process, sign in, and make throwaway PostgreSQL clusters and databases.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const PG_CLUSTER = path.join(ROOT, 'scripts/pg-cluster.sh');
const PG_BIN = '/usr/lib/postgresql/15/bin';

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
export const tempDir = (prefix: string) => mkdtempSync(path.join(tmpdir(), prefix));
export const rmDir = (dir: string) => rmSync(dir, { recursive: true, force: true });

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer().once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

export interface Server {
  base: string;
  pid: number;
  /** Spawn to first 200 from /api/health. */
  readyMs: number;
  alive: () => boolean;
  exited: Promise<void>;
  /** The last lines the server printed, for failure reports. */
  tail: () => string;
  kill9: () => void;
  stop: () => Promise<void>;
}

const running = new Set<number>();
// Never leave a server behind: a failed script would otherwise hold the port and the data folder.
process.on('exit', () => {
  for (const pid of running)
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      /* gone */
    }
});

/**
 * Starts `api/main.ts` as its own process group. It runs as `node --import tsx` rather than
 * `npx tsx` so that the pid we kill -9 is the server itself, not a wrapper that would leave it running.
 */
export async function startServer(opts: { dataDir: string; databaseUrl?: string; env?: Record<string, string>; timeoutMs?: number }): Promise<Server> {
  const port = await freePort();
  const t0 = Date.now();
  const child = spawn(process.execPath, ['--import', 'tsx', 'api/main.ts'], {
    cwd: ROOT,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: opts.dataDir, DATABASE_URL: opts.databaseUrl ?? '', WEB_DIST: '', LOG_REQUESTS: 'false', ...opts.env },
  });
  const pid = child.pid!;
  running.add(pid);
  const lines: string[] = [];
  const keep = (b: Buffer) => {
    lines.push(...b.toString().split('\n').filter(Boolean));
    if (lines.length > 200) lines.splice(0, lines.length - 200);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  let alive = true;
  const exited = new Promise<void>((r) =>
    child.once('exit', () => {
      alive = false;
      running.delete(pid);
      r();
    }),
  );
  const base = `http://127.0.0.1:${port}`;
  const tail = () => lines.slice(-30).join('\n');

  const deadline = t0 + (opts.timeoutMs ?? 240_000); // the first start seeds the database
  for (;;) {
    if (!alive) throw new Error(`server exited during start-up:\n${tail()}`);
    if (Date.now() > deadline) throw new Error(`server not ready after ${opts.timeoutMs ?? 240_000} ms:\n${tail()}`);
    const res = await fetch(`${base}/api/health`, { signal: AbortSignal.timeout(2000) }).catch(() => null);
    if (res?.status === 200) break;
    await sleep(100);
  }
  const signal = (s: NodeJS.Signals) => {
    try {
      process.kill(-pid, s);
    } catch {
      /* already gone */
    }
  };
  return {
    base,
    pid,
    readyMs: Date.now() - t0,
    alive: () => alive,
    exited,
    tail,
    kill9: () => signal('SIGKILL'),
    async stop() {
      signal('SIGTERM');
      const t = setTimeout(() => signal('SIGKILL'), 15_000);
      await exited;
      clearTimeout(t);
    },
  };
}

export interface Answer {
  status: number;
  // biome-ignore lint/suspicious/noExplicitAny: the scripts read any endpoint's JSON answer, typing each would restate the API
  body: any;
  ms: number;
}

/** A signed-in user: the session cookie plus the CSRF token every non-GET must echo. */
export class Session {
  constructor(
    readonly base: string,
    readonly cookie: string,
    readonly csrf: string,
    // biome-ignore lint/suspicious/noExplicitAny: the session's user as the server sent it (username, role, villages)
    readonly user: any,
  ) {}

  async request(method: string, p: string, body?: unknown, headers: Record<string, string> = {}, timeoutMs = 30_000): Promise<Answer> {
    const t0 = performance.now();
    const res = await fetch(this.base + p, {
      method,
      headers: { cookie: this.cookie, 'X-CSRF-Token': this.csrf, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      /* not JSON: keep the text */
    }
    return { status: res.status, body: parsed, ms: performance.now() - t0 };
  }
  get(p: string, timeoutMs?: number) {
    return this.request('GET', p, undefined, {}, timeoutMs);
  }
}

/** Signs in; null on 401 (no such user yet), throws on anything else unexpected. */
export async function signIn(base: string, username: string, password: string): Promise<Session | null> {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (res.status === 401) return null;
  const body = (await res.json()) as { user: unknown; csrfToken: string };
  if (res.status !== 200) throw new Error(`login ${username}: HTTP ${res.status} ${JSON.stringify(body)}`);
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0]!)
    .find((c) => c.startsWith('hy_session='));
  if (!cookie) throw new Error(`login ${username}: no hy_session cookie`);
  return new Session(base, cookie, body.csrfToken, body.user);
}

/** Signs in, creating the user first with `npm run user:add` (PostgreSQL has no demo users). */
export async function ensureUser(
  base: string,
  databaseUrl: string | undefined,
  u: { username: string; password: string; role: string; officer?: string; township?: string },
): Promise<Session> {
  const first = await signIn(base, u.username, u.password);
  if (first) return first;
  if (!databaseUrl) throw new Error(`cannot sign in as ${u.username}`);
  const args = ['--username', u.username, '--password', u.password, '--role', u.role];
  if (u.officer) args.push('--officer', u.officer);
  if (u.township) args.push('--township', u.township);
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/user-add.ts', ...args], { cwd: ROOT, env: { ...process.env, DATABASE_URL: databaseUrl }, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`user:add ${u.username} failed (${r.status}):\n${r.stdout}${r.stderr}`);
  const s = await signIn(base, u.username, u.password);
  if (!s) throw new Error(`user:add created ${u.username} but signing in still fails`);
  return s;
}

/** scripts/pg-cluster.sh, synchronously; `start` answers the URL it prints on its last line. */
export function pgCluster(cmd: 'start' | 'stop', dir: string, port?: number): string {
  const r = spawnSync('bash', [PG_CLUSTER, cmd, dir, ...(port ? [String(port)] : [])], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`pg-cluster.sh ${cmd} failed:\n${r.stdout}${r.stderr}`);
  return r.stdout.trim().split('\n').pop() ?? '';
}

/** Stops the cluster in `dir` when the script exits, however it exits (a no-op once stopped). */
export function stopOnExit(dir: string): void {
  process.on('exit', () => {
    try {
      pgCluster('stop', dir);
    } catch {
      /* best effort */
    }
  });
}

/** The same, without blocking the event loop (so timers keep firing while PostgreSQL stops or starts). */
export function pgClusterAsync(cmd: 'start' | 'stop', dir: string, port?: number): Promise<number | null> {
  const child = spawn('bash', [PG_CLUSTER, cmd, dir, ...(port ? [String(port)] : [])], { stdio: 'ignore' });
  return new Promise((r) => child.once('exit', (code) => r(code)));
}

export function pgIsReady(port: number): Promise<boolean> {
  const child = spawn(`${PG_BIN}/pg_isready`, ['-q', '-h', '127.0.0.1', '-p', String(port)], { stdio: 'ignore' });
  return new Promise((r) => child.once('exit', (code) => r(code === 0)));
}

/** A throwaway cluster in a temp folder on a free port; `done` stops it and removes the folder. */
export async function throwawayCluster(): Promise<{ url: string; dir: string; port: number; done: () => void }> {
  const dir = tempDir('hy-pg-');
  const port = await freePort();
  const url = pgCluster('start', dir, port);
  const done = () => {
    pgCluster('stop', dir);
    rmDir(dir);
  };
  stopOnExit(dir);
  return { url, dir, port, done };
}

/** A fresh database next to the one `url` names (same server and role); `drop` removes it. */
export async function throwawayDatabase(url: string, name: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const admin = async (sql: string) => {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    try {
      await c.query(sql);
    } finally {
      await c.end();
    }
  };
  await admin(`CREATE DATABASE ${name}`);
  const u = new URL(url);
  u.pathname = `/${name}`;
  return { url: u.toString(), drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

export function pct(xs: number[], p: number): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
}

export function table(rows: [string, string | number][]): void {
  const w = Math.max(...rows.map(([k]) => k.length));
  for (const [k, v] of rows) console.log(`  ${k.padEnd(w)}  ${v}`);
}
