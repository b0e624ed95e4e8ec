import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
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
  /** The kernel's boot id when the server started (Linux): after a reboot its pid may be anyone's. */
  bootId?: string;
}

const FILE = 'server.json';

function bootId(): string | undefined {
  try {
    return readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
  } catch {
    return undefined;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
  // A server killed under a parent that never reaps it stays a zombie: signalled without error,
  // yet holding nothing. Only a zombie with no thread left is dead: a process whose main thread
  // has exited can go on writing from another. Linux says so in /proc (its Name line is escaped,
  // so no name forges a State line); elsewhere the signal is all there is to go on.
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const state = /^State:\s+(\S)/m.exec(status)?.[1];
    const threads = Number(/^Threads:\s+(\d+)/m.exec(status)?.[1] ?? '1');
    return !(state === 'Z' && threads <= 1);
  } catch {
    return true;
  }
}

function parse(file: string): ServerLock | null {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as ServerLock;
  } catch {
    return null;
  }
}

/** Whether the server a lock names still runs (this process's own lock is not another server). */
function holds(lock: ServerLock | null): lock is ServerLock {
  if (!lock || typeof lock.pid !== 'number' || lock.pid === process.pid) return false;
  const boot = bootId();
  if (lock.bootId && boot && lock.bootId !== boot) return false;
  return alive(lock.pid);
}

/** The live server holding `dataDir`, if any (a stale file from a crash or a reboot is ignored). */
export function readLock(dataDir: string): ServerLock | null {
  const lock = parse(path.join(dataDir, FILE));
  return holds(lock) ? lock : null;
}

/**
 * Takes `dataDir` for this server, or throws when a live one holds it. The file is created
 * exclusively, so of two servers starting at once exactly one gets it. A stale file is removed
 * only by whoever holds `server.json.takeover` (also created exclusively), after reading it stale
 * again: a live server's file is never moved or removed by another. The release removes the file
 * only while it is still this server's.
 */
export function acquireLock(dataDir: string, port: number, cliToken?: string): () => void {
  mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, FILE);
  const takeover = `${file}.takeover`;
  const mine: ServerLock = { pid: process.pid, port, startedAt: new Date().toISOString(), cliToken, bootId: bootId() };
  const inUse = (held: ServerLock) => new Error(`DATA_DIR ${dataDir} is in use by server pid ${held.pid} on port ${held.port}`);
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    try {
      // 0600: the CLI token inside is as good as an admin password. 'wx' never follows or reuses a file.
      writeFileSync(file, JSON.stringify(mine), { mode: 0o600, flag: 'wx' });
      return () => {
        if (parse(file)?.pid === process.pid) rmSync(file, { force: true });
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    const held = readLock(dataDir);
    if (held) throw inUse(held);
    // 'wx' creates the file before it writes it: one that does not parse yet may be a server's
    // being written. Only an old one is a crash's.
    if (beingWritten(file)) {
      sleep(20);
      continue;
    }
    // Stale: one starting server at a time may remove it.
    try {
      writeFileSync(takeover, String(process.pid), { flag: 'wx' });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      // Another is taking over; a takeover left by a process that died in it is cleared.
      if (!alive(takeoverPid(takeover))) rmSync(takeover, { force: true });
      else sleep(20);
      continue;
    }
    try {
      if (!holds(parse(file)) && !beingWritten(file)) rmSync(file, { force: true });
    } finally {
      rmSync(takeover, { force: true });
    }
  }
  throw new Error(`DATA_DIR ${dataDir}: could not take ${FILE} within 10 s (a server starting beside this one?)`);
}

/** A lock file that does not parse yet and is younger than a second: a server is still writing it. */
function beingWritten(file: string): boolean {
  try {
    return parse(file) === null && Date.now() - statSync(file).mtimeMs < 1000;
  } catch {
    return false;
  }
}

/** The pid in a takeover file; this process's own while it is being written or already gone (wait, then look again). */
function takeoverPid(file: string): number {
  try {
    return Number(readFileSync(file, 'utf8')) || process.pid;
  } catch {
    return process.pid;
  }
}

/** Blocks the thread for `ms`: the lock is taken once, before the server listens. */
function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}
