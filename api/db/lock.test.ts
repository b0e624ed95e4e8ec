import { type ChildProcess, spawn } from 'node:child_process';
import { chmodSync, copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { acquireLock, readLock } from './lock.ts';

const dirs: string[] = [];
const children: ChildProcess[] = [];
afterEach(() => {
  for (const c of children.splice(0)) c.kill('SIGKILL');
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function dataDir(pid?: number): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'lock-test-'));
  dirs.push(dir);
  if (pid !== undefined) writeFileSync(path.join(dir, 'server.json'), JSON.stringify({ pid, port: 8080, startedAt: '2026-12-03T00:00:00Z' }));
  return dir;
}

/** Runs `sh -c script` and resolves with the first line it prints (a pid). */
function started(script: string): Promise<number> {
  const child = spawn('sh', ['-c', script], { stdio: ['ignore', 'pipe', 'ignore'] });
  children.push(child);
  return new Promise((ok) => child.stdout!.once('data', (b: Buffer) => ok(Number(b.toString().trim().split('\n')[0]))));
}

describe('the DATA_DIR lock', () => {
  it('a live server holds it: a second one refuses to start', async () => {
    const pid = await started('echo $$; exec sleep 30');
    const dir = dataDir(pid);
    expect(readLock(dir)?.pid).toBe(pid);
    expect(() => acquireLock(dir, 8081)).toThrow(`is in use by server pid ${pid}`);
  });

  it("a dead server's file is stale: taken over", () => {
    const dir = dataDir(2 ** 22 + 12345); // above Linux's pid_max: no such process
    expect(readLock(dir)).toBeNull();
    const release = acquireLock(dir, 8081);
    expect(readLock(dir)).toBeNull(); // its own lock: this process, not another server
    release();
  });

  it.runIf(process.platform === 'linux')('a live process whose name holds ") Z" is not taken for a zombie', async () => {
    const bin = path.join(dataDir(), 'x) Z');
    copyFileSync('/bin/sleep', bin);
    chmodSync(bin, 0o755);
    const pid = await started(`echo $$; exec '${bin}' 30`);
    expect(readLock(dataDir(pid))?.pid).toBe(pid);
  });

  it.runIf(process.platform === 'linux')('a killed server nobody has reaped (a zombie) holds nothing', async () => {
    // sh starts `sleep 0` in the background and becomes `sleep 30`, which never reaps it.
    const zombie = await started('sleep 0 & echo $!; exec sleep 30');
    await new Promise((r) => setTimeout(r, 300));
    const dir = dataDir(zombie);
    expect(readLock(dir)).toBeNull();
    expect(() => acquireLock(dir, 8081)()).not.toThrow();
  });
});
