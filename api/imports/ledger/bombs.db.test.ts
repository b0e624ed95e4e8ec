import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../app.ts';
import type { Config } from '../../config.ts';
import { SYSTEM } from '../../db/types.ts';
import { bigLedgerCsv, lyingZip, sharedStringBombXlsx } from '../../test/bombs.ts';
import { measureRequest } from '../../test/measure-request.ts';
import { type SignedIn, signIn } from '../../test/sign-in.ts';
import { backend, type TestDb, testDb } from '../../test/test-db.ts';
import { deleteLedgerRows, fixture, ledgerFootprint } from './test-support.ts';

/**
 * Hostile and oversized ledgers: each is refused with a 4xx naming the limit, well within the
 * request timeout, without the server's memory growing by gigabytes, and nothing is written.
 */

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** Loose: the old importer took 3.6 GB on the shared-string bomb. */
const MAX_RSS_GROWTH_MB = 1024;

let t: TestDb;
let app: SignedIn;
let before: Awaited<ReturnType<typeof ledgerFootprint>>;
beforeAll(async () => {
  t = await testDb();
  app = await signIn(createApp(t.deps), 'demo-admin');
  before = await t.db.read(SYSTEM, ledgerFootprint);
});
afterAll(async () => {
  const after = await t.db.read(SYSTEM, ledgerFootprint);
  if (JSON.stringify(after) !== JSON.stringify(before)) await deleteLedgerRows(t.db);
  expect(after).toEqual(before);
});

const appWith = (over: Partial<Config>) => signIn(createApp({ ...t.deps, config: { ...t.config, ...over } }), 'demo-admin');

function post(bytes: Uint8Array, type: string, client = app) {
  return measureRequest(() => client.request('/api/imports/ledger?dryRun=false', { method: 'POST', headers: { 'content-type': type }, body: bytes as Uint8Array<ArrayBuffer> }));
}

describe(`ledger import of hostile files (${backend})`, () => {
  it.each([
    ['a .xlsx whose one shared string unpacks to 400 MB', 'IMPORT_MAX_UNPACKED_BYTES', () => sharedStringBombXlsx()],
    ['the same with three cells pointing at it', 'IMPORT_MAX_UNPACKED_BYTES', () => sharedStringBombXlsx({ cells: 3 })],
    ['three cells of a 1.5 MB shared string (under the unpacked limit)', 'IMPORT_MAX_CELL_CHARS', () => sharedStringBombXlsx({ cells: 3, unpackedBytes: 1_500_000 })],
  ])('%s: 413 import_limit naming %s, quickly, nothing written', async (what, limit, build) => {
    const r = await post(build(), XLSX);
    console.info(`${what}: ${r.status} ${r.body.error?.code} in ${r.ms} ms, rss +${r.rssMb} MB`);
    expect([r.status, r.body.error.code, r.body.error.limit]).toEqual([413, 'import_limit', limit]);
    expect(r.ms).toBeLessThan(15_000);
    expect(r.rssMb).toBeLessThan(MAX_RSS_GROWTH_MB);
    expect(r.answerBytes).toBeLessThan(2000);
    expect(await t.db.read(SYSTEM, ledgerFootprint)).toEqual(before);
  });

  it('a too-long cell is echoed clipped, with its place and length', async () => {
    const r = await post(sharedStringBombXlsx({ cells: 1, unpackedBytes: 100_000 }), XLSX);
    expect(r.body.error).toMatchObject({
      code: 'import_limit',
      limit: 'IMPORT_MAX_CELL_CHARS',
      row: 2,
      column: 'F',
      found: expect.any(Number),
      value: expect.stringMatching(/^(调解)+… \(\d+ characters\)$/),
    });
    expect(r.body.error.message).toMatch(/row 2, column F holds \d+ characters; a cell may hold at most 2000/);
  });

  it('a 300,000-row CSV is refused by IMPORT_MAX_ROWS without reading it all', async () => {
    const r = await post(bigLedgerCsv(300_000), 'text/csv');
    console.info(`300k-row CSV: ${r.status} ${r.body.error?.code} in ${r.ms} ms, rss +${r.rssMb} MB`);
    expect(r.body.error).toMatchObject({
      code: 'import_limit',
      limit: 'IMPORT_MAX_ROWS',
      max: 20_000,
      message: expect.stringMatching(/split it into files of at most 20000 rows/),
    });
    expect(r.status).toBe(413);
    expect(r.ms).toBeLessThan(10_000);
    expect(r.rssMb).toBeLessThan(MAX_RSS_GROWTH_MB);
    expect(await t.db.read(SYSTEM, ledgerFootprint)).toEqual(before);
  });

  it('a workbook whose zip declares 1000 bytes and unpacks to 200 MB: 400 unreadable_file', async () => {
    const r = await post(lyingZip({ name: 'xl/worksheets/sheet1.xml' }), XLSX);
    console.info(`lying zip: ${r.status} ${r.body.error?.code} in ${r.ms} ms, rss +${r.rssMb} MB`);
    expect([r.status, r.body.error.code]).toEqual([400, 'unreadable_file']);
    expect(r.body.error.message).toMatch(/more than the 1000 bytes it declares/);
    expect(r.rssMb).toBeLessThan(MAX_RSS_GROWTH_MB);
  });

  it('a parse past IMPORT_PARSE_TIMEOUT_MS is stopped: 422 import_too_complex', async () => {
    const hasty = await appWith({ IMPORT_PARSE_TIMEOUT_MS: 100 });
    const r = await post(fixture('disputes-good.xlsx'), XLSX, hasty);
    expect([r.status, r.body.error.code, r.body.error.limit]).toEqual([422, 'import_too_complex', 'IMPORT_PARSE_TIMEOUT_MS']);
    expect(r.body.error.message).toMatch(/took longer than 0.1 s to read/);
    expect(await t.db.read(SYSTEM, ledgerFootprint)).toEqual(before);
  });

  it('a lower IMPORT_MAX_ROWS applies to .xlsx as well', async () => {
    const strict = await appWith({ IMPORT_MAX_ROWS: 2 });
    const r = await post(fixture('disputes-good.xlsx'), XLSX, strict);
    expect([r.status, r.body.error.code, r.body.error.limit, r.body.error.max]).toEqual([413, 'import_limit', 'IMPORT_MAX_ROWS', 2]);
  });
});
