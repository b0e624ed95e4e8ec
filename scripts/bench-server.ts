import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { createApp } from '../api/app.ts';
import { FailureThrottle } from '../api/auth/throttle.ts';
import type { Config } from '../api/config.ts';
import type { Db } from '../api/db/index.ts';
import type { CoverageBase } from '../api/queries/coverage-base.ts';

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
