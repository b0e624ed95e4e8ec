import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * PGlite is one process with one connection: two processes opening the same data folder would
 * corrupt it. The server records itself in `DATA_DIR/server.json`; CLIs read it to talk to the
 * server's API instead, and a second server refuses to start.
 */
export interface ServerLock {
  pid: number;
  port: number;
  startedAt: string;
  /** A fresh secret per start: a CLI that can read this file may act as an admin through the API. */
  cliToken?: string;
}

const FILE = 'server.json';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
  // A server killed under a parent that never reaps it stays a zombie: signalled without error,
  // yet holding nothing. Linux says so in /proc; elsewhere the signal is all there is to go on.
  try {
    // "pid (name) state ...": the name may hold anything, ")" included, so the state follows the last ")".
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat[stat.lastIndexOf(')') + 2] !== 'Z';
  } catch {
    return true;
  }
}

/** The live server holding `dataDir`, if any (a stale file from a crash is ignored). */
export function readLock(dataDir: string): ServerLock | null {
  try {
    const lock = JSON.parse(readFileSync(path.join(dataDir, FILE), 'utf8')) as ServerLock;
    return lock.pid !== process.pid && alive(lock.pid) ? lock : null;
  } catch {
    return null;
  }
}

export function acquireLock(dataDir: string, port: number, cliToken?: string): () => void {
  const held = readLock(dataDir);
  if (held) throw new Error(`DATA_DIR ${dataDir} is in use by server pid ${held.pid} on port ${held.port}`);
  mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, FILE);
  // 0600: the CLI token inside is as good as an admin password. A stale file from a crash would
  // keep its old mode (writeFileSync sets it only on creation), so it goes first.
  rmSync(file, { force: true });
  writeFileSync(file, JSON.stringify({ pid: process.pid, port, startedAt: new Date().toISOString(), cliToken } satisfies ServerLock), { mode: 0o600 });
  return () => rmSync(file, { force: true });
}
