import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type ServerType, serve } from '@hono/node-server';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM } from '../../db/types.ts';

const CLI_TOKEN = 'test-cli-token-0123456789';

import { runLedgerCli } from '../../../scripts/import-ledger.ts';
import { createApp } from '../../app.ts';
import { type Config, loadConfig } from '../../config.ts';
import { openPglite } from '../../db/pglite.ts';
import { backend, type TestDb, testDb } from '../../test/test-db.ts';
import { deleteLedgerRows, fixturePath, ledgerFootprint } from './test-support.ts';

/**
 * The CLI through a running server: a real HTTP server on the shared test database, and a
 * DATA_DIR whose server.json names it, as `npm start` leaves it; and the direct path, on
 * DATABASE_URL or on a copy of the embedded database that no server holds.
 */
let t: TestDb;
let server: ServerType;
let dataDir: string;
let viaServer: Config;
let before: Awaited<ReturnType<typeof ledgerFootprint>>;

beforeAll(async () => {
  t = await testDb();
  before = await t.db.read(SYSTEM, ledgerFootprint);
  const port = await new Promise<number>((resolve) => {
    server = serve({ fetch: createApp({ ...t.deps, cliToken: CLI_TOKEN }).fetch, port: 0, hostname: '127.0.0.1' }, (info) => resolve(info.port));
  });
  dataDir = mkdtempSync(path.join(tmpdir(), 'ledger-cli-'));
  // The lock must name a live process other than this one: the test runner's parent stands in for the server's.
  writeFileSync(path.join(dataDir, 'server.json'), JSON.stringify({ pid: process.ppid, port, startedAt: new Date().toISOString(), cliToken: CLI_TOKEN }));
  viaServer = loadConfig({ DATA_DIR: dataDir, LOG_REQUESTS: 'false', WEB_DIST: '' });
});
afterEach(() => deleteLedgerRows(t.db));
afterAll(async () => {
  server.close();
  rmSync(dataDir, { recursive: true, force: true });
  expect(await t.db.read(SYSTEM, ledgerFootprint)).toEqual(before);
});

async function cli(args: string[], config: Config = viaServer) {
  const lines: string[] = [];
  const status = await runLedgerCli(args, config, (l) => lines.push(l));
  return { status, out: lines.join('\n') };
}

describe(`npm run import:ledger (${backend})`, () => {
  it('imports through the running server, prints the report, and exits 0', async () => {
    const r = await cli([fixturePath('disputes-good.xlsx')]);
    expect(r).toMatchObject({ status: 0, out: expect.stringContaining('imported: 5 inserted, 0 already imported') });
    expect(r.out).toMatch(/columns not imported: 序号/);
    expect((await t.db.read(SYSTEM, ledgerFootprint)).disputes).toBe(before.disputes + 5);
  });

  it('a dry run through the server writes nothing', async () => {
    const r = await cli([fixturePath('visits-good.csv'), '--dry-run', '--kind', 'visits']);
    expect(r).toMatchObject({ status: 0, out: expect.stringContaining('5 rows would be inserted') });
    expect(await t.db.read(SYSTEM, ledgerFootprint)).toEqual(before);
  });

  it('a rejected ledger prints each problem with its row and column, and exits 1', async () => {
    const r = await cli([fixturePath('disputes-bad-rows.xlsx'), '--township=430421110']);
    expect(r.status).toBe(1);
    expect(r.out).toMatch(/REJECTED: 4 problems; nothing was imported/);
    expect(r.out).toMatch(/row 3, 受理日期 "2025-13-01": 没有这一天/);
    expect(r.out).toMatch(/row 6, 办结日期/);
  });

  it('a file the server cannot read exits 1 with its reason; bad usage exits 2', async () => {
    const r = await cli([fixturePath('build.ts')]);
    expect(r).toMatchObject({ status: 1, out: expect.stringMatching(/refused the file \(400\)/) });
    expect((await cli([])).status).toBe(2);
    expect((await cli(['a.csv', '--kind', 'hazards'])).status).toBe(2);
    expect((await cli(['a.csv', '--township', '123'])).status).toBe(2);
  });

  it('without a server, works directly on the database (DATABASE_URL, or the embedded DATA_DIR)', async () => {
    if (process.env.TEST_DATABASE_URL) {
      const direct = loadConfig({ DATABASE_URL: process.env.TEST_DATABASE_URL, LOG_REQUESTS: 'false', WEB_DIST: '' });
      const r = await cli([fixturePath('visits-gbk.csv')], direct);
      expect(r).toMatchObject({ status: 0, out: expect.stringContaining('imported: 2 inserted') });
      expect((await t.db.read(SYSTEM, ledgerFootprint)).visits).toBe(before.visits + 2);
      return;
    }
    // Embedded: a copy of the shared database in a DATA_DIR that no server holds.
    const dir = mkdtempSync(path.join(tmpdir(), 'ledger-cli-direct-'));
    try {
      const copy = await openPglite({ dataDir: dir, loadDataDir: await t.dump!() });
      await copy.close();
      const r = await cli([fixturePath('visits-gbk.csv')], loadConfig({ DATA_DIR: dir, LOG_REQUESTS: 'false', WEB_DIST: '' }));
      expect(r).toMatchObject({ status: 0, out: expect.stringContaining('imported: 2 inserted') });
      const reopened = await openPglite({ dataDir: dir });
      try {
        expect((await reopened.read(SYSTEM, ledgerFootprint)).visits).toBe(before.visits + 2);
      } finally {
        await reopened.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
