import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Builds the web app when its sources changed since the last build, and only then: `npm start`
 * used to rebuild it (4-5 s) on every start. The stamp is a digest of every input's path, size
 * and modification time, kept in dist/ beside the build it describes.
 */

const STAMP = '.build-stamp';
/** What the bundle is made from, relative to the project root. */
const INPUTS = ['web/index.html', 'web/src', 'vite.config.ts', 'scripts/precompress.ts', 'package-lock.json', 'tsconfig.json'];
const SKIP = /(\.test\.tsx?$|\/test\/|\/e2e\/)/;

function files(root: string, rel: string): string[] {
  const abs = path.join(root, rel);
  if (!existsSync(abs)) return [];
  if (!statSync(abs).isDirectory()) return [rel];
  return readdirSync(abs, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? files(root, path.join(rel, e.name)) : [path.join(rel, e.name)]))
    .filter((f) => !SKIP.test(f.split(path.sep).join('/')));
}

/** The digest of the inputs as they are now. */
export function inputsStamp(root: string): string {
  const hash = createHash('sha256');
  for (const f of INPUTS.flatMap((i) => files(root, i)).sort()) {
    const s = statSync(path.join(root, f));
    hash.update(`${f}\0${s.size}\0${Math.floor(s.mtimeMs)}\n`);
  }
  return hash.digest('hex');
}

export function buildIsCurrent(root: string, dist: string): boolean {
  const stamp = path.join(dist, STAMP);
  return existsSync(path.join(dist, 'index.html')) && existsSync(stamp) && readFileSync(stamp, 'utf8').trim() === inputsStamp(root);
}

/**
 * Makes sure `dist` holds a build of the current sources: nothing to do when it does, else
 * `vite build` in a child process (so it runs beside the database opening, on another core).
 */
export async function ensureWebBuild(root: string, dist: string): Promise<{ built: boolean; ms: number }> {
  const t0 = Date.now();
  if (buildIsCurrent(root, dist)) return { built: false, ms: Date.now() - t0 };
  const stamp = inputsStamp(root);
  const vite = path.join(root, 'node_modules/vite/bin/vite.js');
  await new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, [vite, 'build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`vite build failed (exit ${code})`))));
  });
  writeFileSync(path.join(dist, STAMP), `${stamp}\n`);
  return { built: true, ms: Date.now() - t0 };
}
