import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { copySeeded, newestMtime } from './db-template.ts';

/**
 * The real dashboard for browser tests and the bench: the built web app served by `api/main.ts`
 * on a freshly seeded embedded database.
 */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const DIST = path.join(ROOT, 'dist');

/** Builds dist/ with `vite build` unless it is newer than every source file of the web app. */
export function ensureBuild(log: (s: string) => void = () => {}): void {
  const index = path.join(DIST, 'index.html');
  const sources = Math.max(newestMtime(path.join(ROOT, 'web/src')), statSync(path.join(ROOT, 'web/index.html')).mtimeMs);
  if (existsSync(index) && statSync(index).mtimeMs > sources && existsSync(path.join(DIST, 'assets'))) {
    log('reusing dist/ (newer than web/src)');
    return;
  }
  log('building the web app (vite build)…');
  // Vitest sets NODE_ENV=test; inherited, it would make Vite bundle React's development build.
  const r = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd: ROOT, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } });
  if (r.status !== 0) throw new Error(`vite build failed (exit ${r.status})`);
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

export interface AppServer {
  origin: string;
  stop: () => Promise<void>;
}

async function waitForHealth(origin: string, child: ChildProcess, timeoutMs: number, output: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}:\n${output()}`);
    try {
      const res = await fetch(`${origin}/api/health`);
      if (res.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`server not healthy after ${timeoutMs} ms:\n${output()}`);
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // already gone
  }
}

interface Launched {
  origin: string;
  /** Stops it (SIGTERM, then SIGKILL after 30 s); resolves with its exit code, null when killed. */
  stop: () => Promise<number | null>;
}

/** `node --import tsx api/main.ts` with `env`, up once /api/health answers 200. */
async function launch(env: Record<string, string>, timeoutMs: number): Promise<Launched> {
  const port = await freePort();
  let out = '';
  // The server itself, not npx in front of it: npx exits on SIGTERM before the server has closed
  // its database, and a test starting the next server on the same DATA_DIR found it still held.
  const child = spawn(process.execPath, ['--import', 'tsx', 'api/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, HOST: '127.0.0.1', LOG_REQUESTS: 'false', WEB_DIST: process.env.E2E_WEB_DIST ?? DIST, DATABASE_URL: '', ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true, // its own process group, so whatever it starts goes down with it
  });
  child.stdout?.on('data', (b: Buffer) => (out += b.toString()));
  child.stderr?.on('data', (b: Buffer) => (out += b.toString()));
  const origin = `http://127.0.0.1:${port}`;
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null && child.pid) {
      signalGroup(child.pid, 'SIGTERM');
      // Closing the embedded database flushes it to disk: seconds on a loaded machine.
      await Promise.race([exited, new Promise((r) => setTimeout(r, 30_000))]);
      if (child.exitCode === null && child.signalCode === null) {
        signalGroup(child.pid, 'SIGKILL');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
      }
    }
    return child.exitCode;
  };
  try {
    await waitForHealth(origin, child, timeoutMs, () => out.slice(-4000));
  } catch (e) {
    await stop();
    throw e;
  }
  return { origin, stop };
}

/**
 * Starts the dashboard on a free port and a throwaway data folder holding a freshly seeded
 * database (a copy of the run's template for the same settings: see db-template.ts), or on the
 * caller's DATA_DIR; waits for /api/health.
 */
export async function startAppServer(opts: { timeoutMs?: number; env?: Record<string, string> } = {}): Promise<AppServer> {
  const timeoutMs = opts.timeoutMs ?? 180_000;
  const dataDir = mkdtempSync(path.join(tmpdir(), 'hengyang-e2e-'));
  const env = { DATA_DIR: dataDir, ...opts.env };
  if (!opts.env?.DATA_DIR) await copySeeded(ROOT, env, dataDir, async (dir) => (await (await launch({ ...env, DATA_DIR: dir }, timeoutMs)).stop()) === 0);
  let server: Launched;
  try {
    server = await launch(env, timeoutMs);
  } catch (e) {
    rmSync(dataDir, { recursive: true, force: true });
    throw e;
  }
  return {
    origin: server.origin,
    stop: async () => {
      await server.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** `body` with a server of `opts` (startAppServer's), stopped after it whatever happens. */
export async function withAppServer(opts: { timeoutMs?: number; env?: Record<string, string> }, body: (server: AppServer) => Promise<void>): Promise<void> {
  const server = await startAppServer(opts);
  try {
    await body(server);
  } finally {
    await server.stop();
  }
}
