import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { createApp } from '../api/app.ts';
import { FailureThrottle } from '../api/auth/throttle.ts';
import { createUser, findUser, updateUser } from '../api/auth/users.ts';
import type { Config } from '../api/config.ts';
import type { Db } from '../api/db/index.ts';
import { SYSTEM } from '../api/db/types.ts';
import type { CoverageBase } from '../api/queries/coverage-base.ts';
import { signIn } from './fault-support.ts';

/**
 * The API in this process on a loopback port, for the benchmarks that time requests over HTTP.
 * Requests sign with a CLI token (an admin, county scope), as a local CLI does.
 */
export async function startBenchServer(
  db: Db,
  config: Config,
  now: Date,
  coverageBase?: CoverageBase,
): Promise<{ base: string; get: (path: string) => Promise<Response>; close: () => void }> {
  const cliToken = randomBytes(32).toString('base64url');
  const app = createApp({ db, config, now: () => now, throttle: new FailureThrottle(), cliToken, coverageBase });
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise((r) => server.once('listening', r));
  // The client reuses one connection; don't let the server drop it between samples.
  (server as unknown as { keepAliveTimeout: number }).keepAliveTimeout = 600_000;
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    base,
    get: (path) => fetch(base + path, { headers: { Authorization: `Bearer ${cliToken}` } }),
    close: () => server.close(),
  };
}

/**
 * A township chief of the benchmark (`bench-chief-<code>`), added or given a new password, signed
 * in: their requests run under their row-level security, as a chief's laptop sends them (the CLI
 * token reads as the county). `done` disables the account again, so no usable password stays.
 */
export async function benchChief(db: Db, base: string, township: string): Promise<{ get: (path: string) => Promise<Response>; done: () => Promise<void> }> {
  const username = `bench-chief-${township}`;
  const password = `bench-${randomBytes(18).toString('base64url')}`;
  await db.write(SYSTEM, async (h) => {
    const found = await findUser(h, { username });
    if (!found) await createUser(h, { username, displayName: username, role: 'township', password, townshipCode: township, officerId: null });
    else if (found.role !== 'township' || found.townshipCode !== township) throw new Error(`${username} exists as ${found.role} ${found.townshipCode ?? ''}: not a bench user`);
    else await updateUser(h, found.id, { password, disabled: false });
  });
  const session = await signIn(base, username, password);
  if (!session) throw new Error(`cannot sign in as ${username}`);
  return {
    get: (path) => fetch(base + path, { headers: { cookie: session.cookie } }),
    done: async () => {
      await db.write(SYSTEM, async (h) => {
        const found = await findUser(h, { username });
        if (found) await updateUser(h, found.id, { disabled: true });
      });
    },
  };
}
