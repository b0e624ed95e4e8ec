import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect } from 'vitest';
import type { Db, Handle } from '../../db/index.ts';
import { SYSTEM } from '../../db/types.ts';
import { type TestDb, testDb } from '../../test/test-db.ts';
import type { LedgerImportInput } from './import.ts';

/** Shared by the ledger tests: fixture bytes, and work on the shared test database that never commits. */

export const fixturePath = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));
export const fixture = (name: string) => new Uint8Array(readFileSync(fixturePath(name)));

export function ledgerInput(name: string, now: Date, over: Partial<LedgerImportInput> = {}): LedgerImportInput {
  return { bytes: fixture(name), fileName: name, kind: null, townshipCode: null, dryRun: false, now, ...over };
}

/** Ledger rows and batches in the database: every test file leaves these as it found them. */
export async function ledgerFootprint(h: Handle): Promise<{ disputes: number; visits: number; batches: number }> {
  const [row] = await h.query<{ disputes: number; visits: number; batches: number }>(
    `SELECT (SELECT count(*)::int FROM dispute WHERE client_id LIKE 'ledger:%') AS disputes,
            (SELECT count(*)::int FROM visit WHERE client_id LIKE 'ledger:%') AS visits,
            (SELECT count(*)::int FROM import_batch WHERE kind LIKE 'ledger-%') AS batches`,
  );
  return row!;
}

/** Deletes what committed imports wrote (HTTP and CLI tests cannot roll back). */
export async function deleteLedgerRows(db: Db): Promise<void> {
  await db.write(SYSTEM, async (h) => {
    await h.query(`DELETE FROM dispute WHERE client_id LIKE 'ledger:%'`);
    await h.query(`DELETE FROM visit WHERE client_id LIKE 'ledger:%'`);
    await h.query(`DELETE FROM import_batch WHERE kind LIKE 'ledger-%'`);
  });
}

/**
 * For a test file whose imports all roll back: the shared database, and a check at the end that
 * the file left the ledger rows and batches as it found them. Call at the top level of the file.
 */
export function sharedDbUnchanged(): () => TestDb {
  let t: TestDb;
  let before: Awaited<ReturnType<typeof ledgerFootprint>>;
  beforeAll(async () => {
    t = await testDb();
    before = await t.db.read(SYSTEM, ledgerFootprint);
  });
  afterAll(async () => {
    expect(await t.db.read(SYSTEM, ledgerFootprint)).toEqual(before);
  });
  return () => t;
}
