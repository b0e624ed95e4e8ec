/**
 * Since migration 022 the body of village_metrics_rows is made in the database (018's statement
 * for the county, a patched copy for a township) and stands whole in no migration. Its text as the
 * migrations leave it is kept in api/db/functions/, where it can be read and diffed; this holds
 * that file to the migrated database on both backends (a function of that name with two overloads
 * fails: `::regproc` must be one). After a migration that changes the body, `npx vitest run
 * api/db/function-bodies.db.test.ts -u` writes it again; outside CI a missing file is written, in CI
 * (`CI=true`) it fails.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { type TestDb, testDb } from '../test/test-db.ts';
import { SYSTEM } from './types.ts';

const KEPT = ['village_metrics_rows'];

let t: TestDb;
beforeAll(async () => {
  t = await testDb();
});

describe('function bodies made in the database', () => {
  it.each(KEPT)('%s is as api/db/functions/ reads', async (name) => {
    const [row] = await t.db.read(SYSTEM, (h) => h.query<{ src: string }>(`SELECT prosrc AS src FROM pg_proc WHERE oid = $1::text::regproc`, [name]));
    await expect(row!.src).toMatchFileSnapshot(`./functions/${name}.plpgsql`);
  });
});
