import { createHash } from 'node:crypto';
import { cpSync, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * Seeded databases to copy. Most of a test server's start is creating and seeding its embedded
 * database (15-30 s, 16 starts in a run): each configuration that shapes the data (seed, scale,
 * APP_NOW) is seeded once per version of the server's code, by a real server start, and later
 * starts copy that folder instead. A seed on the clock (no APP_NOW) ends at the time it was made,
 * so it is made again after CLOCK_TEMPLATE_MS. E2E_FRESH_DB=1 seeds every start as before.
 * The folder is the user's and the checkout's own (mode 0700, owner checked): another user's
 * planted template or link is never copied or deleted through.
 */
const CLOCK_TEMPLATE_MS = 20 * 60_000;
const SHAPING = ['SEED', 'SEED_SCALE', 'APP_NOW'] as const;

/** Starts a server on `dataDir` with `env`, waits for it to be up and stops it; true on a clean exit. */
export type SeedOnce = (dataDir: string) => Promise<boolean>;

/** The newest modification time of any file under `dir` (ms). */
export function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

const hash = (s: string) => createHash('sha256').update(s).digest('hex').slice(0, 16);

/** Where this user's templates for the checkout at `root` live. */
export function templatesDir(root: string): string {
  return path.join(tmpdir(), `hengyang-e2e-templates-${process.getuid?.() ?? 'user'}-${hash(path.resolve(root))}`);
}

/**
 * The template's name: the server code's version (newest source file, the lockfile) and the
 * shaping settings as the server will see them: the caller's, else this process's environment,
 * else the checkout's .env (read whole into the key).
 */
export function templateKey(root: string, env: Readonly<Record<string, string | undefined>>): string {
  const code = Math.max(newestMtime(path.join(root, 'api')), newestMtime(path.join(root, 'geodata')), statSync(path.join(root, 'package-lock.json')).mtimeMs);
  const dotEnv = existsSync(path.join(root, '.env')) ? readFileSync(path.join(root, '.env'), 'utf8') : '';
  const shaping = `${SHAPING.map((k) => `${k}=${env[k] ?? process.env[k] ?? ''}`).join('&')}\n${dotEnv}`;
  return `${Math.round(code)}-${hash(shaping)}`;
}

/** This user's own folder for the templates, made if missing; null when it is anything else. */
function ownDir(root: string): string | null {
  const dir = templatesDir(root);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const st = lstatSync(dir);
  return st.isDirectory() && !st.isSymbolicLink() && (process.getuid === undefined || st.uid === process.getuid()) && (st.mode & 0o077) === 0 ? dir : null;
}

/** The template is there, and a clock one is young enough. */
function usable(dir: string, clock: boolean): boolean {
  try {
    const made = statSync(dir).mtimeMs;
    return !clock || Date.now() - made < CLOCK_TEMPLATE_MS;
  } catch {
    return false;
  }
}

/**
 * Fills `dataDir` with a copy of the seeded template for `env`, making the template first when
 * there is none (or the clock's is old). False, leaving `dataDir` alone, when templates are off
 * or the template could not be made: the server then seeds its own database.
 */
export async function copySeeded(root: string, env: Readonly<Record<string, string | undefined>>, dataDir: string, seedOnce: SeedOnce): Promise<boolean> {
  if (process.env.E2E_FRESH_DB === '1') return false;
  const dir = ownDir(root);
  if (!dir) return false;
  const key = templateKey(root, env);
  const template = path.join(dir, key);
  const clock = !env.APP_NOW;
  if (!usable(template, clock)) {
    // Templates of older code go; so does an old clock template of this code.
    const stamp = key.split('-')[0]!;
    for (const name of readdirSync(dir)) if (!name.startsWith(`${stamp}-`) || name === key) rmSync(path.join(dir, name), { recursive: true, force: true });
    const building = `${template}.building-${process.pid}`;
    rmSync(building, { recursive: true, force: true });
    if (!(await seedOnce(building))) {
      rmSync(building, { recursive: true, force: true });
      return false;
    }
    rmSync(path.join(building, 'server.json'), { force: true });
    try {
      renameSync(building, template);
    } catch {
      // A run beside this one made it first: theirs is as good.
      rmSync(building, { recursive: true, force: true });
    }
  }
  cpSync(template, dataDir, { recursive: true });
  return true;
}
