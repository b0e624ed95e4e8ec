import { type ChildProcess, spawn } from 'node:child_process';
import { chmodSync, copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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

  it("after a reboot a stale file's pid may be anyone's: a lock from another boot holds nothing", async () => {
    const pid = await started('echo $$; exec sleep 30');
    const dir = dataDir();
    writeFileSync(path.join(dir, 'server.json'), JSON.stringify({ pid, port: 8080, startedAt: '2026-12-01T00:00:00Z', bootId: 'another-boot' }));
    expect(readLock(dir)).toBeNull();
  });

  it("the release leaves a file that is no longer this server's", () => {
    const dir = dataDir();
    const release = acquireLock(dir, 8081);
    const other = JSON.stringify({ pid: 2 ** 22 + 1, port: 8082, startedAt: '2026-12-03T00:00:00Z' });
    writeFileSync(path.join(dir, 'server.json'), other);
    release();
    expect(readFileSync(path.join(dir, 'server.json'), 'utf8')).toBe(other);
  });

  it('of servers starting at the same moment on one folder, exactly one takes it', async () => {
    const dir = dataDir(2 ** 22 + 7); // a stale file for all of them to move aside
    const script = path.join(dir, 'race.mts');
    writeFileSync(
      script,
      `import { acquireLock } from ${JSON.stringify(path.resolve('api/db/lock.ts'))};
const at = Number(process.argv[2]);
while (Date.now() < at) {}
try { acquireLock(${JSON.stringify(dir)}, 9000); console.log('took'); } catch { console.log('refused'); }
setTimeout(() => {}, 10_000);`,
    );
    // Each holds its outcome for 10 s, so none starts after the winner has let go, however slow its start.
    const at = Date.now() + 4000;
    const runs = Array.from({ length: 4 }, () => {
      const child = spawn(process.execPath, ['--import', 'tsx', script, String(at)], { stdio: ['ignore', 'pipe', 'inherit'] });
      children.push(child);
      return new Promise<string>((ok) => {
        let out = '';
        child.stdout!.on('data', (b: Buffer) => (out += b.toString()));
        child.once('exit', () => ok(out.trim()));
      });
    });
    const said = await Promise.all(runs);
    expect(said.filter((s) => s === 'took')).toHaveLength(1);
    expect(said.filter((s) => s === 'refused')).toHaveLength(3);
  }, 60_000);
});
