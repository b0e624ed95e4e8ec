/**
 * A SECURITY DEFINER function runs with its owner's rights, past every row-level policy: one that
 * a request role may call is a door around the access control unless it checks the caller itself.
 * This lists every such function in the migrated database against the ones meant to be callable,
 * each with the check it makes, so a new one (or a grant left open) fails here until it is looked at.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { type TestDb, testDb } from '../test/test-db.ts';
import { APP_ROLE, COUNTY_ROLE } from './scope.ts';
import { SYSTEM } from './types.ts';

/** Callable by a request role, and the check that makes it safe (each is tested where it is named). */
const MEANT: Record<string, string> = {
  app_village_of: 'answers only the village code of a row, to tell 403 from 404 (004)',
  app_village_at: 'answers only the village code at a point (004)',
  app_campaign_scope: "answers only a campaign's townships, to tell 403 from 404 (007)",
  village_metrics_own_township: "refuses all but hengyang_app with app.scope 'township' for that township (021)",
  scope_totals_own_township: 'the same (021)',
};

let t: TestDb;
beforeAll(async () => {
  t = await testDb();
});

describe('SECURITY DEFINER functions', () => {
  it('that a request role may run are only the ones meant, none of them open to PUBLIC', async () => {
    const rows = await t.db.read(SYSTEM, (h) =>
      h.query<{ name: string; roles: string[]; public: boolean }>(
        `SELECT p.proname AS name,
                EXISTS (SELECT 1 FROM aclexplode(coalesce(p.proacl, acldefault('f', p.proowner))) a WHERE a.grantee = 0) AS public,
                array_remove(ARRAY[CASE WHEN has_function_privilege($1::text, p.oid, 'EXECUTE') THEN $1::text END,
                                   CASE WHEN has_function_privilege($2::text, p.oid, 'EXECUTE') THEN $2::text END], NULL) AS roles
           FROM pg_proc p
          WHERE p.prosecdef AND p.pronamespace = 'public'::regnamespace
            -- an extension's own (PostGIS's ST_EstimatedExtent reads planner statistics, not rows)
            AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e')`,
        [APP_ROLE, COUNTY_ROLE],
      ),
    );
    const callable = [...new Set(rows.filter((r) => r.roles.length > 0).map((r) => r.name))].sort();
    expect(callable).toEqual(Object.keys(MEANT).sort());
    // granted to the request roles by name, never to PUBLIC (which every role, the audit's too, holds)
    expect(rows.filter((r) => r.public).map((r) => r.name)).toEqual([]);
    // the owner's readings of 021: both request roles may start them (their dispatchers' plans name
    // them for every caller), and they refuse the county's (chief-reads.db.test.ts)
    for (const name of ['village_metrics_own_township', 'scope_totals_own_township']) {
      expect(rows.find((r) => r.name === name)?.roles, name).toEqual([APP_ROLE, COUNTY_ROLE]);
    }
    // and the trigger and rebuild functions exist, run by the owner only (the list is not empty by accident)
    expect(rows.filter((r) => r.roles.length === 0).length).toBeGreaterThan(10);
  });
});
