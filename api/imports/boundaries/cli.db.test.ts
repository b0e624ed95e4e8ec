import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type ServerType, serve } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../app.ts';
import { SYSTEM } from '../../db/types.ts';
import { backend, type TestDb, testDb } from '../../test/test-db.ts';
import { FIXTURE_VILLAGES } from './fixtures/fixture-units.ts';
import type { BoundaryImportReport } from './report.ts';
import { boundaryState, restoreBoundaries, type SavedBoundaries, saveBoundaries } from './test-support.ts';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const TSX = path.join(ROOT, 'node_modules/.bin/tsx');
const FIXTURES = 'api/imports/boundaries/fixtures';
const CLI_TOKEN = 'test-cli-token-0123456789';

let t: TestDb;
let before: Record<string, string>;
let saved: SavedBoundaries;
let server: ServerType;
let serverDir: string;
const tempDirs: string[] = [];

/** A DATA_DIR the test server "holds", as `npm start` would: the CLI then goes through its API. */
beforeAll(async () => {
  t = await testDb();
  before = await t.db.read(SYSTEM, boundaryState);
  saved = await saveBoundaries(t.db, 'village', FIXTURE_VILLAGES);
  const app = createApp({ ...t.deps, cliToken: CLI_TOKEN });
  const port = await new Promise<number>((resolve) => {
    server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => resolve(info.port));
  });
  serverDir = tempDir();
  writeFileSync(path.join(serverDir, 'server.json'), JSON.stringify({ pid: process.pid, port, startedAt: new Date().toISOString(), cliToken: CLI_TOKEN }));
});
afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  await restoreBoundaries(t.db, saved);
  for (const d of tempDirs) rmSync(d, { recursive: true, force: true });
  expect(await t.db.read(SYSTEM, boundaryState)).toEqual(before);
});

function tempDir(): string {
  const d = mkdtempSync(path.join(os.tmpdir(), 'boundary-cli-'));
  tempDirs.push(d);
  return d;
}

/** Runs the CLI asynchronously: the server it talks to lives in this process. */
function cli(args: string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(TSX, ['scripts/import-boundaries.ts', ...args], { cwd: ROOT, env: { ...process.env, DATABASE_URL: '', ...env }, timeout: 120_000 }, (err, stdout, stderr) =>
      resolve({ code: err ? Number(err.code ?? 1) : 0, stdout, stderr }),
    );
  });
}
const viaServer = (args: string[]) => cli(args, { DATA_DIR: serverDir });

describe(`npm run import:boundaries (${backend})`, () => {
  it('goes through the running server, says so, and prints the report of a dry run', async () => {
    const r = await viaServer([`${FIXTURES}/villages-4546.zip`, '--dry-run']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^using the running server's API at http:\/\/127\.0\.0\.1:\d+/);
    expect(r.stdout).toMatch(/crs: EPSG:4546 \(from prj\); attributes decoded as utf-8 \(from \.cpg\)/);
    expect(r.stdout).toMatch(/#1 430421110201 界牌村 by code, \d+\.\d{3} km²/);
    expect(r.stdout).toMatch(/dry run: the file is acceptable; nothing was written/);
    expect(await t.db.read(SYSTEM, boundaryState)).toEqual(before);
  });

  it('exits 1 and lists every problem when the file is rejected', async () => {
    const r = await viaServer([`${FIXTURES}/villages-hopeless.geojson`]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/REJECTED, nothing changed:\n {2}feature 2: not a polygon \(LineString\)\n {2}feature 3: empty polygon\n {2}feature 4: invalid/);
  });

  it('applies a file with --level and --crs flags, and --json prints the API report', async () => {
    const r = await viaServer([`${FIXTURES}/villages-gcj02.geojson`, '--crs', 'gcj02', '--level=village', '--json']);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout.slice(r.stdout.indexOf('{'))) as BoundaryImportReport;
    expect(report).toMatchObject({ level: 'village', crs: { detected: 'GCJ-02', source: 'flag' }, applied: true });
    const sources = await t.db.read(SYSTEM, (h) => h.query<{ boundary_source: string }>('SELECT boundary_source FROM village WHERE code = ANY($1::text[])', [FIXTURE_VILLAGES]));
    expect(sources.map((s) => s.boundary_source)).toEqual(['imported', 'imported', 'imported']);
  });

  it.each([
    [[], /which file\?/],
    [['a.shp'], /expected a \.zip \(zipped shapefile\), \.geojson or \.json file/],
    [['a.zip', '--level', 'county'], /--level must be village or township/],
    [['a.zip', '--force'], /unknown option --force/],
  ])('usage errors exit 2: %j', async (args, message) => {
    const r = await viaServer(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
  });

  it('works directly on the database when no server holds it, and says which', async () => {
    if (backend === 'postgres') {
      const r = await cli([`${FIXTURES}/villages-4525.zip`, '--dry-run'], { DATABASE_URL: process.env.TEST_DATABASE_URL! });
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/^database: PostgreSQL at postgres:\/\//);
      expect(r.stdout).toMatch(/matched: 3/);
    } else {
      // The in-memory test database cannot be shared with another process: an empty embedded
      // one shows the direct path (migrated, no villages yet, so nothing matches: rejected).
      const dir = tempDir();
      const r = await cli([`${FIXTURES}/villages-4525.zip`, '--dry-run'], { DATA_DIR: dir });
      expect(r.stdout).toMatch(new RegExp(`^database: embedded PGlite in ${dir} \\(no server running\\)`));
      expect(r.stdout).toMatch(/none of the 3 features matches a village of the county/);
      expect(r.code).toBe(1);
    }
  }, 120_000);
});
